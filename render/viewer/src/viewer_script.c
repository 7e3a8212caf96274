/* Viewer test hook: a script of one command per line ('#' starts a comment):
 *   play S          play for S seconds of wall-clock time, then pause
 *   pause
 *   wait S          keep rendering for S seconds
 *   next-finding / prev-finding   (wait for the verification to finish first)
 *   wait-finding [KIND]  wait (at most 30 s) until the running verification has streamed a finding
 *                   (of KIND: collision, clearance, joint_limit, ...) or has ended. The first
 *                   verification of a script with wait-finding holds at the first streamed finding
 *                   of the first wait-finding's KIND, so the script sees it still running, until a
 *                   command that waits for its end (dump, next/prev-finding, click-finding), a
 *                   wait-finding for a kind not yet found, or quit
 *   next-step / prev-step
 *   time T          jump to T seconds on the timeline
 *   speed X         playback speed 0.25 .. 8
 *   view fit|top|front|side
 *   screenshot FILE the rendered frame, read back from the renderer, as PNG
 *   click-step N    click the N-th step row of the side panel (1-based, the order of `dump`)
 *   click-finding N click the N-th finding row (1-based; waits for the verification)
 *   dump FILE       JSON of what the panel shows (viewer_dump.c; waits for the verification)
 *   dump-now FILE   the same without waiting: the findings streamed so far while it runs
 *   wait-reload     --watch: wait (at most 30 s) until the next reload attempt has completed
 *   panel on|off    show/hide the side panel
 *   follow          toggle the follow-TCP camera (key c)
 *   frames on|off   show/hide every robot's base, TCP and user frames (key a)
 *   quit
 * Bad lines fail with script:line:col. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "viewer_internal.h"

static const struct {
    const char *name;
    vw_op op;
    int arg; /* 0 none, 1 number, 2 word, 3 optional finding kind */
} ops[] = {
    {"play", VW_OP_PLAY, 1},           {"pause", VW_OP_PAUSE, 0},         {"wait", VW_OP_WAIT, 1},
    {"next-finding", VW_OP_NEXT_FINDING, 0}, {"prev-finding", VW_OP_PREV_FINDING, 0},
    {"next-step", VW_OP_NEXT_STEP, 0}, {"prev-step", VW_OP_PREV_STEP, 0}, {"time", VW_OP_TIME, 1},
    {"speed", VW_OP_SPEED, 1},         {"view", VW_OP_VIEW, 2},           {"screenshot", VW_OP_SCREENSHOT, 2},
    {"quit", VW_OP_QUIT, 0},           {"click-step", VW_OP_CLICK_STEP, 1}, {"click-finding", VW_OP_CLICK_FINDING, 1},
    {"dump", VW_OP_DUMP, 2},           {"wait-reload", VW_OP_WAIT_RELOAD, 0}, {"panel", VW_OP_PANEL, 2},
    {"follow", VW_OP_FOLLOW, 0},       {"wait-finding", VW_OP_WAIT_FINDING, 3}, {"dump-now", VW_OP_DUMP_NOW, 2},
    {"frames", VW_OP_FRAMES, 2},
};

static ct_status parse_line(const char *path, int lineno, char *line, vw_cmd *c, int *empty, ct_error *err) {
    char *hash = strchr(line, '#');
    if (hash) *hash = 0;
    char *p = line;
    while (isspace((unsigned char)*p)) p++;
    char *end = p + strlen(p);
    while (end > p && isspace((unsigned char)end[-1])) *--end = 0;
    *empty = !*p;
    if (*empty) return CT_OK;
    char *word = p;
    while (*p && !isspace((unsigned char)*p)) p++;
    int col_arg = 0;
    if (*p) {
        *p++ = 0;
        while (isspace((unsigned char)*p)) p++;
        col_arg = (int)(p - line) + 1;
    }
    memset(c, 0, sizeof *c);
    c->line = lineno;
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        if (strcmp(word, ops[i].name)) continue;
        c->op = ops[i].op;
        if (ops[i].arg == 0 && *p)
            return ct_error_set(err, CT_ERR_PARSE, path, lineno, col_arg, "'%s' takes no argument", word);
        if (ops[i].arg == 3) {
            c->value = VW_HOLD_ANY;
            for (int k = 0; *p && k < CT_FIND_KIND_COUNT; k++)
                if (!strcmp(p, ct_finding_kind_name((ct_finding_kind)k))) c->value = k;
            if (*p && c->value == VW_HOLD_ANY)
                return ct_error_set(err, CT_ERR_PARSE, path, lineno, col_arg,
                                    "'%s' expects a finding kind (collision, clearance, joint_limit, ...; got '%s')",
                                    word, p);
            return CT_OK;
        }
        if (ops[i].arg && !*p)
            return ct_error_set(err, CT_ERR_PARSE, path, lineno, (int)strlen(word) + 1, "'%s' needs an argument",
                                word);
        if (ops[i].arg == 1) {
            char *e;
            c->value = strtod(p, &e);
            if (*e || !isfinite(c->value) || c->value < 0 || c->value > 1e6)
                return ct_error_set(err, CT_ERR_PARSE, path, lineno, col_arg,
                                    "'%s' expects a number >= 0 (got '%s')", word, p);
            if ((c->op == VW_OP_CLICK_STEP || c->op == VW_OP_CLICK_FINDING) && (c->value < 1 || c->value != floor(c->value)))
                return ct_error_set(err, CT_ERR_PARSE, path, lineno, col_arg, "'%s' expects a row number >= 1 (got '%s')",
                                    word, p);
            if (c->op == VW_OP_SPEED && (c->value < 0.25 || c->value > 8))
                return ct_error_set(err, CT_ERR_PARSE, path, lineno, col_arg, "speed must be 0.25 .. 8 (got '%s')", p);
        } else if (ops[i].arg == 2) {
            if (strlen(p) >= sizeof c->arg)
                return ct_error_set(err, CT_ERR_PARSE, path, lineno, col_arg, "argument too long");
            strcpy(c->arg, p);
            if (c->op == VW_OP_VIEW && strcmp(p, "fit") && strcmp(p, "top") && strcmp(p, "front") && strcmp(p, "side"))
                return ct_error_set(err, CT_ERR_PARSE, path, lineno, col_arg,
                                    "view expects fit, top, front or side (got '%s')", p);
            if (c->op == VW_OP_PANEL && strcmp(p, "on") && strcmp(p, "off"))
                return ct_error_set(err, CT_ERR_PARSE, path, lineno, col_arg, "panel expects on or off (got '%s')", p);
            if (c->op == VW_OP_FRAMES && strcmp(p, "on") && strcmp(p, "off"))
                return ct_error_set(err, CT_ERR_PARSE, path, lineno, col_arg, "frames expects on or off (got '%s')", p);
        }
        return CT_OK;
    }
    return ct_error_set(err, CT_ERR_PARSE, path, lineno, 1, "unknown script command '%s'", word);
}

ct_status vw_script_load(const char *path, vw_script *s, ct_error *err) {
    memset(s, 0, sizeof *s);
    s->until = -1;
    s->reload_mark = -1;
    s->hold_kind = VW_HOLD_NONE;
    s->finding_deadline = -1;
    FILE *f = fopen(path, "r");
    if (!f) return ct_error_set(err, CT_ERR_IO, path, 0, 0, "cannot open the script");
    char line[1024];
    int lineno = 0, cap = 0;
    ct_status st = CT_OK;
    while (st == CT_OK && fgets(line, sizeof line, f)) {
        lineno++;
        if (!strchr(line, '\n') && !feof(f)) {
            st = ct_error_set(err, CT_ERR_PARSE, path, lineno, 1, "line longer than %d characters", (int)sizeof line - 2);
            break;
        }
        vw_cmd c;
        int empty;
        st = parse_line(path, lineno, line, &c, &empty, err);
        if (st != CT_OK || empty) continue;
        if (s->ncmd == cap) {
            cap = cap ? 2 * cap : 16;
            vw_cmd *n = (vw_cmd *)realloc(s->cmd, sizeof(vw_cmd) * (size_t)cap);
            if (!n) {
                st = ct_error_set(err, CT_ERR_NO_MEMORY, path, lineno, 0, "out of memory");
                break;
            }
            s->cmd = n;
        }
        if (c.op == VW_OP_WAIT_FINDING && s->hold_kind == VW_HOLD_NONE) s->hold_kind = (int)c.value;
        s->cmd[s->ncmd++] = c;
    }
    fclose(f);
    if (st != CT_OK) vw_script_free(s);
    return st;
}

void vw_script_free(vw_script *s) {
    free(s->cmd);
    s->cmd = NULL;
    s->ncmd = s->pc = 0;
}

/* Executes commands until one must wait (play, wait, a finding jump before the verification is
 * done, a screenshot that needs the next rendered frame). */
void vw_script_step(vw_state *s, double now) {
    vw_script *sc = &s->script;
    int verbose = s->def->verbose;
    if (sc->until >= 0) {
        if (now < sc->until) return;
        sc->until = -1;
        if (sc->pc > 0 && sc->cmd[sc->pc - 1].op == VW_OP_PLAY) {
            s->playing = 0;
            if (verbose) printf("view: paused at t = %.4f s\n", s->t);
        }
    }
    if (s->screenshot[0]) return; /* taken after the next render */
    while (sc->pc < sc->ncmd && !s->quit) {
        const vw_cmd *c = &sc->cmd[sc->pc];
        switch (c->op) {
        case VW_OP_PLAY:
            s->playing = 1;
            sc->until = now + c->value;
            sc->pc++;
            if (verbose) printf("view: play %.3f s from t = %.4f s at x%g\n", c->value, s->t, s->speed);
            return;
        case VW_OP_WAIT:
            sc->until = now + c->value;
            sc->pc++;
            return;
        case VW_OP_PAUSE: s->playing = 0; break;
        case VW_OP_NEXT_FINDING:
        case VW_OP_PREV_FINDING: {
            vw_verify_release(s);
            if (!vw_verify_poll(s) && !s->ver.joined) return; /* wait for the report */
            double from = s->t;
            int moved = vw_jump_finding(s, c->op == VW_OP_NEXT_FINDING ? 1 : -1);
            if (verbose) {
                if (moved)
                    printf("view: finding %d at t = %.6f s (from t = %.6f s): %s\n", s->finding, s->t, from,
                           s->ver.rep->finding[s->finding].message);
                else
                    printf("view: no %s finding after t = %.6f s\n", c->op == VW_OP_NEXT_FINDING ? "next" : "previous",
                           from);
            }
            break;
        }
        case VW_OP_NEXT_STEP:
        case VW_OP_PREV_STEP:
            vw_jump_step(s, c->op == VW_OP_NEXT_STEP ? 1 : -1);
            if (verbose) printf("view: step at t = %.6f s\n", s->t);
            break;
        case VW_OP_TIME: vw_set_time(s, c->value); break;
        case VW_OP_SPEED: vw_set_speed(s, c->value); break;
        case VW_OP_VIEW: vw_view(s, c->arg); break;
        case VW_OP_SCREENSHOT:
            snprintf(s->screenshot, sizeof s->screenshot, "%s", c->arg);
            sc->pc++;
            return;
        case VW_OP_QUIT: s->quit = 1; break;
        case VW_OP_CLICK_STEP:
            if (!vw_panel_activate(s, VW_ROW_STEP, (int)c->value - 1)) {
                fprintf(stderr, "%s:%d: warning: no step row %d (the panel has %d)\n", s->def->script, c->line,
                        (int)c->value, s->nstep);
            } else if (verbose) {
                printf("view: step row %d at t = %.6f s\n", (int)c->value, s->t);
            }
            break;
        case VW_OP_CLICK_FINDING:
            vw_verify_release(s);
            if (!vw_verify_poll(s) && !s->ver.joined) return;
            if (!vw_panel_activate(s, VW_ROW_FINDING, (int)c->value - 1))
                fprintf(stderr, "%s:%d: warning: no finding row %d\n", s->def->script, c->line, (int)c->value);
            else if (verbose)
                printf("view: finding row %d at t = %.6f s\n", (int)c->value, s->t);
            break;
        case VW_OP_DUMP:
        case VW_OP_DUMP_NOW: {
            if (c->op == VW_OP_DUMP) vw_verify_release(s);
            if (c->op == VW_OP_DUMP && !s->ver.joined) return; /* wait for the verification (polled by the loop) */
            vw_verify_poll(s);
            ct_error e;
            if (vw_dump(s, c->arg, &e) != CT_OK) {
                char msg[1200];
                ct_error_format(&e, msg, sizeof msg);
                fprintf(stderr, "view: %s\n", msg);
            }
            break;
        }
        case VW_OP_WAIT_RELOAD:
            if (sc->reload_mark < 0) {
                sc->reload_mark = s->watch.reloads;
                sc->reload_deadline = now + 30;
            }
            if (s->watch.reloads == sc->reload_mark && now < sc->reload_deadline) return;
            if (s->watch.reloads == sc->reload_mark)
                fprintf(stderr, "%s:%d: warning: no reload within 30 s\n", s->def->script, c->line);
            sc->reload_mark = -1;
            break;
        case VW_OP_WAIT_FINDING: {
            int kind = (int)c->value, n;
            vw_verify_poll(s);
            if (sc->finding_deadline < 0) sc->finding_deadline = now + 30;
            n = vw_verify_count(s, kind);
            if (n == 0 && !s->ver.joined) {
                int holding; /* held at another kind's finding: let it go on to this kind */
                pthread_mutex_lock(&s->ver.mu);
                holding = s->ver.holding;
                pthread_mutex_unlock(&s->ver.mu);
                if (holding) vw_verify_release(s);
            }
            if (n == 0 && !s->ver.joined && now < sc->finding_deadline) return;
            sc->finding_deadline = -1;
            if (n == 0)
                fprintf(stderr, "%s:%d: warning: no %s%s %s\n", s->def->script, c->line,
                        kind == VW_HOLD_ANY ? "" : ct_finding_kind_name((ct_finding_kind)kind),
                        kind == VW_HOLD_ANY ? "finding" : " finding", s->ver.joined ? "in the report" : "within 30 s");
            else if (verbose) {
                int pd, np;
                pthread_mutex_lock(&s->ver.mu);
                pd = s->ver.pairs_done, np = s->ver.npair;
                pthread_mutex_unlock(&s->ver.mu);
                printf("view: %d finding(s) shown, verification %s at %d/%d pairs\n", vw_verify_count(s, VW_HOLD_ANY),
                       s->ver.joined ? "done" : "running", pd, np);
            }
            break;
        }
        case VW_OP_PANEL: s->panel_on = !strcmp(c->arg, "on"); break;
        case VW_OP_FOLLOW: s->follow = !s->follow; break;
        case VW_OP_FRAMES: s->frames_on = !strcmp(c->arg, "on"); break;
        }
        sc->pc++;
    }
    if (sc->pc >= sc->ncmd && sc->until < 0 && !s->screenshot[0]) s->quit = 1; /* end of script */
}
