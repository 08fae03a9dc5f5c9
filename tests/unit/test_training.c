/* Unit tests of domain/training.c: the completion rule and the advisor matching of 訪問診療導入研修 (seed 002 ②). */
#include <math.h>
#include <string.h>

#include "domain/training.h"
#include "unit.h"

static struct training_progress full(void)
{
	struct training_progress p = {0};
	p.attended[TS_LECTURE1] = p.attended[TS_LECTURE2] = p.attended[TS_SURVEY] = true;
	p.visits = 2;
	return p;
}

/* seed 002 ②: "例：第1回座学研修⇒同行研修⇒第2回座学研修", "アドバイザー医師の訪問診療に、受講医師が
 * 2か所～3か所程度同行訪問", "受講後のアンケートの実施、質疑応答の設定は必ず行うこと" */
static void test_completion(void)
{
	char why[768];
	struct training_progress p = full();
	CHECK(training_complete(&p, why, sizeof why));
	CHECK_STR(why, "");
	p.visits = 3;
	CHECK(training_complete(&p, why, sizeof why));
	p.visits = 5; /* 程度: more visits never undo the completion */
	CHECK(training_complete(&p, why, sizeof why));
	p.visits = 1; /* "2か所～3か所程度": one is not enough */
	CHECK(!training_complete(&p, why, sizeof why));
	CHECK(strstr(why, "同行訪問が1回です（2回以上必要）") != NULL);
	p = full();
	p.attended[TS_LECTURE2] = false;
	CHECK(!training_complete(&p, why, sizeof why));
	CHECK_STR(why, "第2回座学研修が未出席です。");
	p = full();
	p.attended[TS_SURVEY] = false; /* 受講後のアンケート: "必ず行うこと" */
	CHECK(!training_complete(&p, why, sizeof why));
	CHECK_STR(why, "受講後アンケートが未回答です。");
	p = full();
	p.attended[TS_FOLLOWUP] = false; /* the follow-up comes after the 認定証 */
	CHECK(training_complete(&p, why, sizeof why));
	struct training_progress none = {0};
	CHECK(!training_complete(&none, why, sizeof why));
	CHECK(strstr(why, "第1回座学研修") && strstr(why, "同行訪問が0回") && strstr(why, "第2回座学研修") &&
	      strstr(why, "受講後アンケート"));
}

static void test_checks(void)
{
	char f[32], m[256];
	CHECK(training_check_programme("令和8年度 訪問診療導入研修", 2026, 30, f, sizeof f, m, sizeof m) == 0);
	CHECK(training_check_programme("", 2026, 30, f, sizeof f, m, sizeof m) == -1 && strcmp(f, "title") == 0);
	CHECK(training_check_programme("x", 1999, 30, f, sizeof f, m, sizeof m) == -1 && strcmp(f, "fiscal_year") == 0);
	CHECK(training_check_programme("x", 2026, 0, f, sizeof f, m, sizeof m) == -1 && strcmp(f, "max_km") == 0);
	CHECK(training_check_programme("x", 2026, NAN, f, sizeof f, m, sizeof m) == -1);
	CHECK(training_check_person("鹿嶋 太郎", -1, f, sizeof f, m, sizeof m) == 0);
	CHECK(training_check_person("鹿嶋 太郎", 0, f, sizeof f, m, sizeof m) == -1 && strcmp(f, "capacity") == 0);
	CHECK(training_check_person("鹿嶋 太郎", 11, f, sizeof f, m, sizeof m) == -1);
	CHECK(training_check_person("", 2, f, sizeof f, m, sizeof m) == -1 && strcmp(f, "name") == 0);
	CHECK(training_check_date("2026-06-01", false, 2026, "held_on", m, sizeof m) == 0);
	CHECK(training_check_date("2027-03-31", false, 2026, "held_on", m, sizeof m) == 0);
	CHECK(training_check_date("2028-01-10", false, 2026, "held_on", m, sizeof m) == 0); /* follow-up, next year */
	CHECK(training_check_date("2026-03-31", false, 2026, "held_on", m, sizeof m) == -1);
	CHECK(training_check_date("2026-02-30", false, 2026, "held_on", m, sizeof m) == -1);
	CHECK(training_check_date("", true, 2026, "held_on", m, sizeof m) == 0);
	CHECK(training_check_date("", false, 2026, "visited_on", m, sizeof m) == -1 && strstr(m, "visited_on"));
}

/* Points east of (36.0, 140.6) by km (1° of longitude ≈ 90 km there). */
static void at(double km, bool *has, double *lat, double *lon)
{
	*has = true;
	*lat = 36.0;
	*lon = 140.6 + km / (111.32 * cos(36.0 * M_PI / 180));
}

static struct training_advisor adv(int64_t id, const char *name, double km, int cap)
{
	struct training_advisor a = {.id = id, .capacity = cap, .capacity_left = cap};
	snprintf(a.name, sizeof a.name, "%s", name);
	at(km, &a.has_coord, &a.lat, &a.lon);
	return a;
}

static struct training_trainee tr(int64_t id, double km, int64_t w1, int64_t w2)
{
	struct training_trainee t = {.id = id, .wishes = {w1, w2, 0}};
	at(km, &t.has_coord, &t.lat, &t.lon);
	return t;
}

static void test_matching(void)
{
	bool cert = false;
	struct training_pair p[4];
	/* by distance: two trainees, two advisors with room for one each, no wishes → the nearer pairs */
	struct training_advisor a[3] = {adv(10, "A医師", 0, 1), adv(11, "B医師", 20, 1), adv(12, "C医師", 100, 2)};
	struct training_trainee t[4] = {tr(1, 1, 0, 0), tr(2, 19, 0, 0)};
	CHECK(training_match(t, 2, a, 3, 30, p, &cert) == 0 && cert);
	CHECK(p[0].advisor_id == 10 && p[1].advisor_id == 11);
	CHECK(fabs(p[0].distance_km - 1.0) < 0.05 && p[0].wish_rank == 0);
	CHECK(strstr(p[0].why, "希望の指定がないため") && strstr(p[0].why, "直線距離 1.0 km"));
	/* capacity: both near A (room for one); the second goes to B, and its reason says A is full */
	t[1] = tr(2, 2, 0, 0);
	CHECK(training_match(t, 2, a, 3, 30, p, &cert) == 0 && cert);
	CHECK(p[0].advisor_id != p[1].advisor_id);
	struct training_pair *far = p[0].advisor_id == 11 ? &p[0] : &p[1];
	CHECK(strstr(far->why, "より近いA医師") && strstr(far->why, "受入人数（1人）に達しています"));
	/* wishes outweigh distance: the trainee near A wishes B first and gets B */
	t[0] = tr(1, 1, 11, 0);
	t[1] = tr(2, 30, 0, 0);
	CHECK(training_match(t, 2, a, 3, 40, p, &cert) == 0 && cert);
	CHECK(p[0].advisor_id == 11 && p[0].wish_rank == 1 && strstr(p[0].why, "第1希望のB医師です"));
	CHECK(p[1].advisor_id == 10);
	/* a wish that cannot be honoured: both wish A first (room for one); the other gets its 2nd wish,
	 * with the reason naming the full 1st wish */
	t[0] = tr(1, 1, 10, 11);
	t[1] = tr(2, 2, 10, 11);
	CHECK(training_match(t, 2, a, 3, 30, p, &cert) == 0 && cert);
	CHECK((p[0].wish_rank == 1) != (p[1].wish_rank == 1));
	struct training_pair *second = p[0].wish_rank == 2 ? &p[0] : &p[1];
	CHECK(second->advisor_id == 11 && strstr(second->why, "第1希望のA医師は受入人数（1人）に達しています"));
	/* beyond max_km and not wished: unassigned with the reason; wished: assigned however far */
	t[0] = tr(1, 0, 0, 0);
	struct training_advisor farA[1] = {adv(20, "遠方医師", 100, 1)};
	CHECK(training_match(t, 1, farA, 1, 30, p, &cert) == 0 && cert);
	CHECK(p[0].advisor_id == 0 && strstr(p[0].why, "30 km以内にいません"));
	t[0] = tr(1, 0, 20, 0);
	CHECK(training_match(t, 1, farA, 1, 30, p, &cert) == 0 && p[0].advisor_id == 20 && p[0].wish_rank == 1);
	/* capacity already taken by earlier pairs (capacity_left 0) and a wish of an unknown advisor */
	farA[0].capacity_left = 0;
	t[0] = tr(1, 0, 20, 99);
	CHECK(training_match(t, 1, farA, 1, 30, p, &cert) == 0 && p[0].advisor_id == 0);
	CHECK(strstr(p[0].why, "第1希望の遠方医師は受入人数（1人）に達しています") &&
	      strstr(p[0].why, "第2希望（ID 99）はこの研修のアドバイザー医師ではありません"));
	/* no coordinate: only a wish can pair it */
	t[0] = tr(1, 0, 0, 0);
	t[0].has_coord = false;
	CHECK(training_match(t, 1, a, 3, 30, p, &cert) == 0 && p[0].advisor_id == 0);
	/* nothing to match */
	CHECK(training_match(t, 0, a, 3, 30, p, &cert) == 0);
}

int main(void)
{
	test_completion();
	test_checks();
	test_matching();
	UNIT_DONE();
}
