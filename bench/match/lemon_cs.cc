// LEMON's CostScaling on a DIMACS min-cost-flow file (benchmark only; liblemon-dev).
// Usage: lemon_cs FILE.min — prints the optimum and the CPU time of run() alone.
#include <cstdio>
#include <fstream>
#include <lemon/cost_scaling.h>
#include <lemon/dimacs.h>
#include <lemon/smart_graph.h>
#include <lemon/time_measure.h>

int main(int argc, char **argv)
{
	if (argc < 2) {
		std::fprintf(stderr, "usage: lemon_cs FILE.min\n");
		return 2;
	}
	typedef lemon::SmartDigraph G;
	G g;
	G::ArcMap<long long> lower(g), cap(g), cost(g);
	G::NodeMap<long long> sup(g);
	std::ifstream in(argv[1]);
	lemon::readDimacsMin(in, g, lower, cap, cost, sup);
	lemon::CostScaling<G, long long, long long> cs(g);
	cs.lowerMap(lower).upperMap(cap).costMap(cost).supplyMap(sup);
	lemon::Timer t;
	auto r = cs.run();
	double s = t.userTime() + t.systemTime(); // CPU seconds: the machine is shared
	if (r != lemon::CostScaling<G, long long, long long>::OPTIMAL) {
		std::printf("RESULT solver=lemon_cs status=%d\n", (int)r);
		return 1;
	}
	std::printf("RESULT solver=lemon_cs cost=%lld solve_s=%.3f\n", (long long)cs.totalCost(), s);
	return 0;
}
