/* Writes the report folder atomically: report.html, report.json, the pictures as PNG files and, on request,
 * report.pdf go into a fresh temporary folder next to the destination; once everything is written
 * the temporary folder is renamed into place. An existing destination is moved aside first and
 * removed only after the rename, and only when it looks like a report folder (so a wrong --out
 * never deletes someone's data). On any failure the temporary folder is removed and the
 * destination is left as it was. */
#define _XOPEN_SOURCE 700
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "celltwin/report_pdf.h"
#include "report_internal.h"

/* Writes dir/name; errors name the file as it will be in the final folder (shown/name). */
static ct_status write_file(const char *dir, const char *shown, const char *name, const void *data, size_t len,
                            ct_error *err) {
    char path[4096], final[4096];
    snprintf(final, sizeof final, "%s/%s", shown, name);
    if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path)
        return ct_error_set(err, CT_ERR_INVALID, final, 0, 0, "path too long");
    FILE *f = fopen(path, "wb");
    if (!f) return ct_error_set(err, CT_ERR_IO, final, 0, 0, "cannot create file: %s", strerror(errno));
    int ok = fwrite(data, 1, len, f) == len;
    ok &= fflush(f) == 0 && fsync(fileno(f)) == 0;
    int e = errno;
    ok &= fclose(f) == 0;
    if (!ok) return ct_error_set(err, CT_ERR_IO, final, 0, 0, "cannot write file: %s", strerror(e ? e : errno));
    return CT_OK;
}

static int remove_entry(const char *path, const struct stat *sb, int type, struct FTW *ftw) {
    (void)sb;
    (void)type;
    (void)ftw;
    return remove(path);
}

/* Removes a folder tree (our own temporary or replaced report folders only). */
static void remove_tree(const char *path) { nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS); }

/* 1 when an existing folder may be replaced: empty, or holding a report (report.html/json/pdf). */
static int replaceable(const char *dir) {
    DIR *d = opendir(dir);
    if (!d) return 0;
    int n = 0, report = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        n++;
        report |= !strcmp(e->d_name, "report.html") || !strcmp(e->d_name, "report.json") ||
                  !strcmp(e->d_name, "report.pdf");
    }
    closedir(d);
    return n == 0 || report;
}

/* "<parent>/.<base>.<tag>.XXXXXX" for mkdtemp. */
static int sibling_template(const char *out, const char *tag, char *buf, size_t size) {
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s", out);
    size_t n = strlen(tmp);
    while (n > 1 && tmp[n - 1] == '/') tmp[--n] = 0; /* "dir/" -> "dir" */
    const char *slash = strrchr(tmp, '/');
    int w;
    if (!slash) w = snprintf(buf, size, ".%s.%s.XXXXXX", tmp, tag);
    else w = snprintf(buf, size, "%.*s/.%s.%s.XXXXXX", (int)(slash - tmp), tmp, slash + 1, tag);
    return w > 0 && (size_t)w < size;
}

static ct_status write_contents(const ct_report *r, const ct_report_write_def *def, const char *tmp, ct_error *err) {
    ct_status st = CT_OK;
    if (def->html) {
        char *text = NULL;
        size_t len = 0;
        st = ct_report_html(r, &text, &len, err);
        if (st == CT_OK) st = write_file(tmp, def->out_dir, "report.html", text, len, err);
        ct_free(text);
    }
    if (st == CT_OK && def->json) {
        char *text = NULL;
        size_t len = 0;
        st = ct_report_json(r, &text, &len, err);
        if (st == CT_OK) st = write_file(tmp, def->out_dir, "report.json", text, len, err);
        ct_free(text);
    }
    /* pictures as files too (report.json names them) */
    int any = r->overview.png != NULL;
    for (int i = 0; i < r->nfinding; i++) any |= r->finding[i].picture.png != NULL;
    if (st == CT_OK && any) {
        char dir[4300], name[64];
        snprintf(dir, sizeof dir, "%s/pictures", tmp);
        if (mkdir(dir, 0777) != 0)
            st = ct_error_set(err, CT_ERR_IO, def->out_dir, 0, 0, "cannot create its pictures folder: %s", strerror(errno));
        rp_picture_name(-1, name, sizeof name);
        if (st == CT_OK && r->overview.png) st = write_file(tmp, def->out_dir, name, r->overview.png, r->overview.size, err);
        for (int i = 0; st == CT_OK && i < r->nfinding; i++) {
            if (!r->finding[i].picture.png) continue;
            rp_picture_name(i, name, sizeof name);
            st = write_file(tmp, def->out_dir, name, r->finding[i].picture.png, r->finding[i].picture.size, err);
        }
    }
    if (st == CT_OK && def->pdf) {
        char path[4300];
        snprintf(path, sizeof path, "%s/report.pdf", tmp);
        st = ct_report_write_pdf(r, path, err);
    }
    return st;
}

ct_status ct_report_check_out(const char *out, ct_error *err) {
    if (!out || !out[0]) return ct_error_set(err, CT_ERR_INVALID, NULL, 0, 0, "no output folder given");
    struct stat sb;
    if (stat(out, &sb) == 0) {
        if (!S_ISDIR(sb.st_mode)) return ct_error_set(err, CT_ERR_IO, out, 0, 0, "exists and is not a folder");
        if (!replaceable(out))
            return ct_error_set(err, CT_ERR_IO, out, 0, 0,
                                "folder exists and holds other files than a report; not replacing it");
    }
    /* the parent must take a new entry: try the temporary folder itself */
    char tmp[4200];
    if (!sibling_template(out, "tmp", tmp, sizeof tmp)) return ct_error_set(err, CT_ERR_INVALID, out, 0, 0, "path too long");
    if (!mkdtemp(tmp))
        return ct_error_set(err, CT_ERR_IO, out, 0, 0, "cannot create a temporary folder next to it: %s",
                            strerror(errno));
    rmdir(tmp);
    return CT_OK;
}

ct_report_write_def ct_report_write_default_def(void) {
    ct_report_write_def d = {NULL, 1, 1, 0};
    return d;
}

ct_status ct_report_write(const ct_report *r, const ct_report_write_def *def, ct_error *err) {
    const char *out = def->out_dir;
    if (!out || !out[0]) return ct_error_set(err, CT_ERR_INVALID, NULL, 0, 0, "no output folder given");
    struct stat sb;
    int exists = stat(out, &sb) == 0;
    if (exists && !S_ISDIR(sb.st_mode))
        return ct_error_set(err, CT_ERR_IO, out, 0, 0, "exists and is not a folder");
    if (exists && !replaceable(out))
        return ct_error_set(err, CT_ERR_IO, out, 0, 0,
                            "folder exists and holds other files than a report; not replacing it");
    char tmp[4200], old[4200];
    if (!sibling_template(out, "tmp", tmp, sizeof tmp) || !sibling_template(out, "old", old, sizeof old))
        return ct_error_set(err, CT_ERR_INVALID, out, 0, 0, "path too long");
    if (!mkdtemp(tmp))
        return ct_error_set(err, CT_ERR_IO, out, 0, 0, "cannot create a temporary folder next to it: %s",
                            strerror(errno));
    chmod(tmp, 0755); /* mkdtemp makes it 0700; a report folder is meant to be shared */
    ct_status st = write_contents(r, def, tmp, err);
    if (st == CT_OK && exists) {
        /* move the old report aside (a unique name), then the new one into place */
        if (!mkdtemp(old)) st = ct_error_set(err, CT_ERR_IO, out, 0, 0, "cannot replace: %s", strerror(errno));
        else if (rename(out, old) != 0) {
            st = ct_error_set(err, CT_ERR_IO, out, 0, 0, "cannot replace: %s", strerror(errno));
            rmdir(old);
        }
    }
    if (st == CT_OK && rename(tmp, out) != 0) {
        st = ct_error_set(err, CT_ERR_IO, out, 0, 0, "cannot move the report into place: %s", strerror(errno));
        if (exists) rename(old, out); /* put the old report back */
    }
    if (st != CT_OK) {
        remove_tree(tmp);
        return st;
    }
    if (exists) remove_tree(old);
    return CT_OK;
}
