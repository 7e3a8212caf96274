# Plot layout, SVG (read back with xmllint) and cairo back end (pixels at mapped data points).
set(CT_PLOT_TESTS layout_closed_form svg_points_equal_mapped_data svg_nonfinite_splits_line
    svg_text_escaped_round_trip svg_reproducible cairo_pixels_at_mapped_points cairo_text_hooks)
ct_test_exe(test_plot SOURCES test_plot.c LIBS ct_report TIMEOUT 60 TESTS ${CT_PLOT_TESTS})
# cairo's text goes through fontconfig, which leaks while it parses the system fonts.conf
foreach(t ${CT_PLOT_TESTS})
  set_tests_properties(test_plot.${t} PROPERTIES
    ENVIRONMENT "LSAN_OPTIONS=suppressions=${CMAKE_CURRENT_SOURCE_DIR}/lsan_fontconfig.supp")
endforeach()
