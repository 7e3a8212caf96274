/* celltwin cell check: loads and validates a cell file (robots, meshes, programs) and prints a
 * summary, or every error with file:line:col and its JSON path. Exit 0 valid, 2 invalid. */
#include <stdio.h>
#include <string.h>

#include "celltwin/cell.h"
#include "cli.h"

static const char *usage = "celltwin cell check <cell.json> [--strict]";

static void print_diag(const ct_cell_diag *d, void *user) {
    (void)user;
    const char *sev = d->severity == CT_CELL_ERROR ? "error" : "warning";
    if (d->line > 0) fprintf(stderr, "%s:%d:%d: %s: %s\n", d->file, d->line, d->column, sev, d->message);
    else fprintf(stderr, "%s: %s: %s\n", d->file, sev, d->message);
}

static void print_shape(const ct_cell_shape *s) {
    switch (s->kind) {
    case CT_CELL_SHAPE_MESH:
        printf("mesh %s, %d triangles", s->mesh_file, s->mesh ? s->mesh->ntri : 0);
        break;
    case CT_CELL_SHAPE_BOX:
        printf("box %g x %g x %g mm", s->size[0] * 1e3, s->size[1] * 1e3, s->size[2] * 1e3);
        break;
    case CT_CELL_SHAPE_CYLINDER: printf("cylinder r %g mm, length %g mm", s->radius * 1e3, s->length * 1e3); break;
    case CT_CELL_SHAPE_SPHERE: printf("sphere r %g mm", s->radius * 1e3); break;
    default: printf("no geometry"); break;
    }
}

static void summary(const char *path, const ct_cell *c) {
    printf("%s: cell '%s' (format version %d): %d robots, %d objects, %d attached parts, %d allowed contacts, "
           "clearance %g mm (%d pair overrides)\n",
           path, c->name, c->version, c->nrobot, c->nobject, c->npart, c->nallowed, c->clearance * 1e3, c->nclear);
    for (int i = 0; i < c->nrobot; i++) {
        const ct_cell_robot *r = &c->robot[i];
        printf("robot %s: %s (%s, %d dofs, tip %s), base at %.1f, %.1f, %.1f mm, %d tools, %d user frames\n", r->name,
               r->robot->name, r->urdf_file, r->robot->ndof, r->robot->link_name[r->robot->tip_link], r->base.p.x * 1e3,
               r->base.p.y * 1e3, r->base.p.z * 1e3, r->ntool, r->nuframe);
        for (int k = 0; k < r->ntool; k++) {
            const ct_cell_tool *t = &r->tool[k];
            printf("  tool %d%s%s%s: TCP at %.1f, %.1f, %.1f mm, ", t->number, t->name ? " '" : "", t->name ? t->name : "",
                   t->name ? "'" : "", t->tcp.p.x * 1e3, t->tcp.p.y * 1e3, t->tcp.p.z * 1e3);
            print_shape(&t->shape);
            printf("\n");
        }
        for (int k = 0; k < r->nprogram; k++) printf("  program %s\n", r->program_file[k]);
    }
    for (int i = 0; i < c->nobject; i++) {
        const ct_cell_object *o = &c->object[i];
        printf("object %s (%s): ", o->name, ct_cell_group_name(o->group));
        print_shape(&o->shape);
        printf("\n");
    }
    for (int i = 0; i < c->npart; i++) {
        const ct_cell_part *p = &c->part[i];
        printf("part %s on %s tool %d: ", p->name, c->robot[p->robot].name, p->tool);
        print_shape(&p->shape);
        printf("\n");
    }
}

int ct_cmd_cell(int argc, char **argv) {
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        if (argc >= 2) { printf("usage: %s\n", usage); return CT_EXIT_OK; }
        return ct_cli_usage_error("cell", usage, "missing subcommand");
    }
    if (strcmp(argv[1], "check") != 0) return ct_cli_usage_error("cell", usage, "unknown subcommand '%s'", argv[1]);
    const char *path = NULL;
    int strict = 0;
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) { printf("usage: %s\n", usage); return CT_EXIT_OK; }
        if (!strcmp(argv[i], "--strict")) strict = 1;
        else if (argv[i][0] == '-') return ct_cli_usage_error("cell", usage, "unknown option '%s'", argv[i]);
        else if (!path) path = argv[i];
        else return ct_cli_usage_error("cell", usage, "more than one file");
    }
    if (!path) return ct_cli_usage_error("cell", usage, "missing cell file");
    ct_cell_def def = ct_cell_default_def();
    def.strict = strict;
    def.diag = print_diag;
    ct_cell *cell = NULL;
    ct_error err;
    ct_status s = ct_cell_load(path, &def, &cell, &err);
    if (s != CT_OK) return CT_EXIT_BAD_INPUT; /* every error was printed by print_diag */
    summary(path, cell);
    ct_cell_destroy(cell);
    return CT_EXIT_OK;
}
