# Planner: profiles against closed forms, limits by finite differences, LIN/CIRC geometry, blends,
# configuration changes, unreachable targets.
ct_test_exe(test_traj SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_traj.c LIBS ct_motion
  TESTS ptp_closed_form ptp_limits_fd ptp_scurve ptp_time_stretch ptp_blend ptp_config lin_line
        circ_circle lin_blend lin_wrist_flip lin_unreachable events_dwell bad_input plan_rate
  TIMEOUT 120)
