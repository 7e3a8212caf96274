# The project's own robot assets (assets/robots): meshes regenerate identically, are closed and
# enclose their joints; URDF inertials match the generator; kinematics match ../shared.
ct_test_exe(test_assets SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_assets.c LIBS ct_robots
  TESTS meshes_regenerate meshes_closed meshes_enclose_joints inertials_match_generator masses
        hs220_matches_vendor m1013_matches_vendor)
target_compile_definitions(test_assets PRIVATE CT_GEN_LINK_MESHES="$<TARGET_FILE:gen_link_meshes>")
add_dependencies(test_assets gen_link_meshes)
