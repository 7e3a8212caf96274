# Inverse kinematics: FK round trips on synthetic, vendor (../shared) and project robots.
ct_test_exe(test_ik SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_ik.c LIBS ct_robots
  TESTS synthetic_analytic singular_poses synthetic_numeric unreachable rate doosan_m1013 doosan_h2515
        hyundai_hs220 hyundai_hh020 hyundai_ha006b abb_irb6640 kuka_kr150 kuka_kr6 fanuc_r2000
        ur5e_numeric project_assets
  TIMEOUT 300)
