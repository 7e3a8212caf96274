/* `celltwin bench report`: the demo cell's report written end to end, stage by stage, as
 * `celltwin report` does it (load and play, verify, series, pictures, HTML, JSON, PDF, folder
 * write). Goal of the issue: under 5 s with pictures on lavapipe. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"
#include "bench_report.h"
#include "celltwin/render.h"
#include "celltwin/report.h"
#include "celltwin/report_pdf.h"
#include "celltwin/verify_program.h"

typedef struct stage_times {
    double load, verify, model, series, pictures, html, json, pdf, write, total;
} stage_times;

static int one_run(const char *cell_path, int pictures, int pdf, const char *dir, stage_times *s, char *device,
                   size_t ndev) {
    memset(s, 0, sizeof *s);
    ct_error err;
    ct_error_clear(&err);
    double t0 = ct_bench_now(), t = t0;
    ct_cell *cell = NULL;
    ct_cell_def cd = ct_cell_default_def();
    if (ct_cell_load(cell_path, &cd, &cell, &err) != CT_OK) {
        char msg[1200];
        ct_error_format(&err, msg, sizeof msg);
        fprintf(stderr, "bench report: %s\n", msg);
        return 2;
    }
    int nr = cell->nrobot, rc = 0;
    ct_robot_program *progs = ct_alloc(sizeof(ct_robot_program) * (size_t)(nr + 1));
    ct_traj **traj = ct_alloc(sizeof(ct_traj *) * (size_t)(nr + 1));
    for (int i = 0; i < nr && rc == 0; i++) {
        if (cell->robot[i].nprogram < 1) continue;
        if (ct_robot_program_load(cell, i, cell->robot[i].program_path[0], NULL, &progs[i], &err) != CT_OK) rc = 2;
        traj[i] = progs[i].traj;
    }
    s->load = ct_bench_now() - t;
    ct_verify_report *vrep = NULL;
    ct_report *rep = NULL;
    ct_verify_options vo = ct_verify_default_options();
    if (rc == 0) {
        t = ct_bench_now();
        ct_verify_input in = {cell, traj};
        if (ct_verify_run(&in, &vo, &vrep, &err) != CT_OK) rc = 2;
        s->verify = ct_bench_now() - t;
    }
    ct_report_input rin = {cell, progs, vrep, &vo};
    if (rc == 0) {
        ct_report_def rd = ct_report_default_def();
        rd.date = "bench";
        rd.pictures = 0;
        t = ct_bench_now();
        if (ct_report_build(&rin, &rd, &rep, &err) != CT_OK) rc = 2;
        s->model = ct_bench_now() - t; /* the model: hashes, steps, series, verify JSON */
        if (rep) s->series = rep->seconds_series;
    }
    if (rc == 0 && pictures) {
        t = ct_bench_now();
        if (ct_report_render_pictures(rep, &rin, 960, 600, &err) != CT_OK) rc = 2;
        s->pictures = ct_bench_now() - t;
        /* the device name, from a renderer of our own (not timed) */
        ct_vk_renderer *r = NULL;
        ct_vk_renderer_def d = ct_vk_renderer_default_def();
        d.width = d.height = 16;
        if (rc == 0 && !device[0] && ct_vk_renderer_create(&d, &r, &err) == CT_OK)
            snprintf(device, ndev, "%s", ct_vk_renderer_device_name(r));
        ct_vk_renderer_destroy(r);
    }
    if (rc == 0) {
        char *text = NULL;
        size_t len;
        t = ct_bench_now();
        if (ct_report_html(rep, &text, &len, &err) != CT_OK) rc = 2;
        s->html = ct_bench_now() - t;
        ct_free(text);
        t = ct_bench_now();
        if (rc == 0 && ct_report_json(rep, &text, &len, &err) != CT_OK) rc = 2;
        s->json = ct_bench_now() - t;
        ct_free(text);
    }
    if (rc == 0 && pdf) {
        char path[4200];
        snprintf(path, sizeof path, "%s/bench.pdf", dir);
        t = ct_bench_now();
        if (ct_report_write_pdf(rep, path, &err) != CT_OK) rc = 2;
        s->pdf = ct_bench_now() - t;
        remove(path);
    }
    if (rc == 0) {
        /* the folder as `celltwin report` writes it (HTML and JSON again, pictures, PDF) */
        char out[4200];
        snprintf(out, sizeof out, "%s/report", dir);
        ct_report_write_def wd = ct_report_write_default_def();
        wd.out_dir = out;
        wd.pdf = pdf;
        t = ct_bench_now();
        if (ct_report_write(rep, &wd, &err) != CT_OK) rc = 2;
        s->write = ct_bench_now() - t;
    }
    s->total = s->load + s->verify + s->model + s->pictures + s->write; /* what `celltwin report` does */
    if (rc != 0) {
        char msg[1200];
        ct_error_format(&err, msg, sizeof msg);
        fprintf(stderr, "bench report: %s\n", msg);
    }
    ct_report_free(rep);
    ct_verify_report_free(vrep);
    for (int i = 0; i < nr; i++) ct_robot_program_free(&progs[i]);
    ct_free(progs);
    ct_free(traj);
    ct_cell_destroy(cell);
    return rc;
}

int ct_bench_report(int argc, char **argv) {
    const char *cell = CT_SOURCE_DIR "/assets/cells/spot_weld/cell.json";
    int runs = 3, pictures = 1, pdf = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--runs") && i + 1 < argc) runs = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--cell") && i + 1 < argc) cell = argv[++i];
        else if (!strcmp(argv[i], "--no-pictures")) pictures = 0;
        else if (!strcmp(argv[i], "--pdf")) pdf = 1;
        else {
            fprintf(stderr, "usage: bench report [--runs N] [--cell cell.json] [--no-pictures] [--pdf]\n");
            return 2;
        }
    }
    if (runs < 1 || runs > 100) runs = 3;
    char dir[] = "/tmp/celltwin_bench_report.XXXXXX";
    if (!mkdtemp(dir)) {
        fprintf(stderr, "bench report: cannot create a temporary folder\n");
        return 2;
    }
    char machine[256], device[256] = "";
    ct_bench_machine(machine, sizeof machine);
    double best = 1e30, sum = 0;
    int rc = 0, n = 0;
    for (int k = 0; k < runs && rc == 0; k++) {
        stage_times s;
        rc = one_run(cell, pictures, pdf, dir, &s, device, sizeof device);
        if (rc) break;
        printf("{\"bench\":\"report\",\"run\":%d,\"pictures\":%s,\"pdf\":%s,\"load_s\":%.3f,\"verify_s\":%.3f,"
               "\"model_s\":%.3f,\"series_s\":%.3f,\"pictures_s\":%.3f,\"html_s\":%.3f,\"json_s\":%.3f,\"pdf_s\":%.3f,"
               "\"write_s\":%.3f,\"total_s\":%.3f}\n",
               k + 1, pictures ? "true" : "false", pdf ? "true" : "false", s.load, s.verify, s.model, s.series, s.pictures,
               s.html, s.json, s.pdf, s.write, s.total);
        fflush(stdout);
        if (s.total < best) best = s.total;
        sum += s.total;
        n++;
    }
    if (rc == 0)
        printf("{\"bench\":\"report\",\"case\":\"demo_cell\",\"runs\":%d,\"mean_total_s\":%.3f,\"min_total_s\":%.3f,"
               "\"goal_s\":5,\"device\":\"%s\",\"machine\":\"%s\"}\n",
               n, sum / n, best, device[0] ? device : "none", machine);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0) fprintf(stderr, "bench report: could not remove %s\n", dir);
    return rc;
}
