# The report core: SHA-256 / base64 / PNG against references, the demo cell's report (HTML with
# xmllint, numbers against `celltwin verify --json`, hashes against sha256sum, reproducibility),
# and failures that leave nothing behind. Runs the CLI, so it depends on celltwin.
ct_test_exe(test_report SOURCES test_report.c LIBS ct_report ${CJSON_LIB} dl TIMEOUT 300
  TESTS sha256_fips_vectors sha256_matches_sha256sum base64_matches_coreutils png_roundtrip demo_report
        korean_title_and_unsupported_statement
        path_normalize_matches_realpath relative_paths_stay_relative step_clearance_at_instants
        missing_input_leaves_nothing unwritable_output_leaves_nothing)
add_dependencies(test_report celltwin)
