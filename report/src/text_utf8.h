/* Private UTF-8 helpers for the report writers: strict decoding of one code point and a cleaned
 * copy of untrusted text (cairo refuses invalid UTF-8 and then stops drawing altogether). */
#ifndef CT_REPORT_TEXT_UTF8_H
#define CT_REPORT_TEXT_UTF8_H

#include <stddef.h>

#include "celltwin/strbuf.h"

/* Decodes the code point at u into *cp; returns its length in bytes (1-4), or 0 when the bytes
 * are not valid UTF-8 (overlong, surrogate, above U+10FFFF, truncated) or u is at the NUL. */
int ct_utf8_decode(const unsigned char *u, unsigned *cp);

/* Copy of s (NULL: "") with invalid sequences as U+FFFD and control characters as spaces,
 * newlines kept when keep_newlines. ct_alloc'd (ct_free); NULL when out of memory. */
char *ct_utf8_clean(const char *s, int keep_newlines);

/* Appends s (NULL: nothing) as XML/HTML character data: &, <, >, " and ' escaped, control
 * characters (not allowed in XML 1.0) as spaces, invalid UTF-8 and U+FFFE/U+FFFF as U+FFFD. */
void ct_utf8_xml_escape(ct_strbuf *b, const char *s);

#endif
