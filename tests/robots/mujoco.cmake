# Reference cross-checks against MuJoCo 2.2.2 (libmujoco-dev): FK of every link and inverse
# dynamics (with and without payload) on the own assets and every robot in ../shared.
find_package(mujoco QUIET)
if(mujoco_FOUND)
  ct_test_exe(test_ref_mujoco
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_ref_mujoco.c ${CMAKE_CURRENT_LIST_DIR}/mujoco_ref.c
    LIBS ct_robots mujoco::mujoco
    TESTS prepare_urdf fk_own fk_shared rne_own rne_shared payload_own payload_shared
    LABELS reference)
else()
  message(STATUS "MuJoCo not found: the MuJoCo reference tests are not built")
endif()
