/* GLPK's min-cost-flow routines on a DIMACS file (benchmark only; libglpk-dev): glp_mincost_relax4
 * (Bertsekas–Tseng RELAX-IV; Debian's libglpk ships it disabled "due to licensing problems", the call
 * aborts) or glp_mincost_okalg (out-of-kilter). Usage: glpk_relax4 FILE.min [relax4|okalg] — prints
 * the optimum and the CPU time of the call alone. */
#include <string.h>
#include <glpk.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

struct vd {
	double rhs;
};
struct ad {
	double low, cap, cost, x;
};

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: glpk_relax4 FILE.min\n");
		return 2;
	}
	glp_term_out(GLP_OFF);
	glp_graph *g = glp_create_graph(sizeof(struct vd), sizeof(struct ad));
	if (glp_read_mincost(g, offsetof(struct vd, rhs), offsetof(struct ad, low), offsetof(struct ad, cap),
			     offsetof(struct ad, cost), argv[1]) != 0) {
		fprintf(stderr, "glpk_relax4: cannot read %s\n", argv[1]);
		return 1;
	}
	double sol = 0;
	struct timespec a, b;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a);
	int okalg = argc > 2 && strcmp(argv[2], "okalg") == 0;
	const char *name = okalg ? "glpk_okalg" : "glpk_relax4";
	int ret = okalg ? glp_mincost_okalg(g, offsetof(struct vd, rhs), offsetof(struct ad, low),
					    offsetof(struct ad, cap), offsetof(struct ad, cost), &sol,
					    offsetof(struct ad, x), -1)
			: glp_mincost_relax4(g, offsetof(struct vd, rhs), offsetof(struct ad, low),
					     offsetof(struct ad, cap), offsetof(struct ad, cost), 0, &sol,
					     offsetof(struct ad, x), -1);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &b);
	if (ret != 0) {
		printf("RESULT solver=%s status=%d\n", name, ret);
		return 1;
	}
	printf("RESULT solver=%s cost=%.0f solve_s=%.3f\n", name, sol,
	       (double)(b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9);
	glp_delete_graph(g);
	return 0;
}
