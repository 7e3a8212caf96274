# Kinematics and dynamics against closed forms and finite differences.
ct_test_exe(test_kin SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_kin.c LIBS ct_robots
  TESTS planar_fk_closed_form planar_jacobian_manipulability planar_rne_closed_form prismatic_mimic_fk
        payload_statics jacobian_finite_differences fk_batch_bit_identical chain_and_frames)
