/* Strict UTF-8 decoding, cleaning of untrusted text and XML/HTML escaping for the report writers. */
#include <string.h>

#include "celltwin/base.h"
#include "text_utf8.h"

int ct_utf8_decode(const unsigned char *u, unsigned *cp) {
    unsigned c = u[0];
    int len;
    unsigned min;
    if (c == 0) return 0;
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if (c >= 0xc2 && c <= 0xdf) {
        len = 2, min = 0x80, c &= 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
        len = 3, min = 0x800, c &= 0x0f;
    } else if (c >= 0xf0 && c <= 0xf4) {
        len = 4, min = 0x10000, c &= 0x07;
    } else {
        return 0;
    }
    for (int i = 1; i < len; i++) {
        if ((u[i] & 0xc0) != 0x80) return 0;
        c = (c << 6) | (u[i] & 0x3f);
    }
    if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) return 0;
    *cp = c;
    return len;
}

char *ct_utf8_clean(const char *s, int keep_newlines) {
    const unsigned char *u = (const unsigned char *)(s ? s : "");
    size_t n = strlen((const char *)u);
    char *out = ct_alloc(3 * n + 1); /* a bad byte (1) becomes U+FFFD (3) */
    if (!out) return NULL;
    size_t k = 0;
    while (*u) {
        unsigned cp;
        int len = ct_utf8_decode(u, &cp);
        if (len == 0) {
            memcpy(out + k, "\xef\xbf\xbd", 3);
            k += 3;
            u++;
        } else if ((cp < 0x20 && !(keep_newlines && cp == '\n')) || cp == 0x7f) {
            out[k++] = ' ';
            u++;
        } else {
            memcpy(out + k, u, (size_t)len);
            k += (size_t)len;
            u += len;
        }
    }
    out[k] = 0;
    return out;
}

/* Text as XML character data: markup characters escaped, control characters (not allowed in
 * XML 1.0) as spaces, invalid UTF-8 and U+FFFE/U+FFFF as U+FFFD. */
void ct_utf8_xml_escape(ct_strbuf *b, const char *s) {
    const unsigned char *u = (const unsigned char *)(s ? s : "");
    while (*u) {
        unsigned cp;
        int len = ct_utf8_decode(u, &cp);
        if (len == 0) {
            ct_strbuf_put(b, "\xef\xbf\xbd", 3);
            u++;
            continue;
        }
        switch (cp) {
        case '&': ct_strbuf_put(b, "&amp;", 5); break;
        case '<': ct_strbuf_put(b, "&lt;", 4); break;
        case '>': ct_strbuf_put(b, "&gt;", 4); break;
        case '"': ct_strbuf_put(b, "&quot;", 6); break;
        case '\'': ct_strbuf_put(b, "&#39;", 5); break;
        default:
            if (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ct_strbuf_put(b, " ", 1);
            else if (cp == 0xfffe || cp == 0xffff) ct_strbuf_put(b, "\xef\xbf\xbd", 3);
            else ct_strbuf_put(b, (const char *)u, (size_t)len);
        }
        u += len;
    }
}
