# Interpreter: control flow, units, tools and frames, CALL, DRL, variables, Hyundai circles,
# Hi5 -> DRL -> replay comparison, samples.
ct_test_exe(test_interp SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_interp.c LIBS ct_motion
  TESTS goto_loop_bounded flow_gosub_if_for wait_never speeds_units_accuracy tool_uframe call_subprogram
        drl_def_loops_settings vars_unresolved hyundai_circle hi5_drl_replay hi5_while drl_moveb own_samples shared_samples
  TIMEOUT 120)
