# URDF parser and mesh import tests. The urdfdom cross-check is built only when urdfdom is
# installed (liburdfdom-dev, see scripts/install-deps).
pkg_check_modules(CT_URDFDOM IMPORTED_TARGET urdfdom)
if(CT_URDFDOM_FOUND)
  ct_test_exe(test_urdf
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_urdf.c ${CMAKE_CURRENT_LIST_DIR}/test_urdf_ref.cpp
    LIBS ct_robots PkgConfig::CT_URDFDOM
    TESTS shared_vs_urdfdom features floating_planar_buffer package_paths
    LABELS robots urdf)
else()
  message(WARNING "urdfdom not found: test_urdf (cross-check against urdfdom) is not built")
endif()

ct_test_exe(test_urdf_bad
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_urdf_bad.c
  LIBS ct_robots
  TESTS bad_inputs huge_file billion_laughs external_entity big_line_numbers missing_file
  LABELS robots urdf TIMEOUT 120)

ct_test_exe(test_mesh
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_mesh.c
  LIBS ct_robots
  TESTS shared_stl_counts dae_units_transform obj_ascii_stl round_trip bad_meshes
  LABELS robots mesh)
