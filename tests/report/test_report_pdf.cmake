# report.pdf on a hand-built model and on the demo cell, read back with the poppler tools
# (pdftotext, pdftoppm, pdffonts, pdfimages); failures leave no file.
set(CT_REPORT_PDF_TESTS text_verdict_hangul_hashes page1_renders fonts_embedded pictures_embedded
    same_bytes_twice unwritable_path_leaves_nothing no_hangul_font_is_an_error demo_cell plots_per_joint)
ct_test_exe(test_report_pdf SOURCES test_report_pdf.c LIBS ct_report TIMEOUT 180 TESTS ${CT_REPORT_PDF_TESTS})
# fontconfig leaks while it parses the system fonts.conf (see lsan_fontconfig.supp)
foreach(t ${CT_REPORT_PDF_TESTS})
  set_tests_properties(test_report_pdf.${t} PROPERTIES
    ENVIRONMENT "LSAN_OPTIONS=suppressions=${CMAKE_CURRENT_SOURCE_DIR}/lsan_fontconfig.supp")
endforeach()
