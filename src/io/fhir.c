/* FHIR R4 Bundle of a patient's care team: Patient, Practitioner, PractitionerRole, Organization, CareTeam (issue 14 §7; see fhir.h). */
#include "io/fhir.h"

#include <stdio.h>
#include <string.h>

#include "domain/medcode.h"
#include "io/digest.h"

/* The team's roles (participants of the CareTeam), in the order they are written. */
enum team_role { TR_PRIMARY, TR_SECONDARY, TR_NURSE, TR_PHARMACY, TR_CARE_MANAGER, TR_BACKUP, TR_DISCHARGE, TR__MAX };
static const struct code_entry team_roles[TR__MAX] = {
	[TR_PRIMARY] = {"primary-physician", "主治医"},
	[TR_SECONDARY] = {"secondary-physician", "副主治医"},
	[TR_NURSE] = {"home-visit-nursing", "訪問看護"},
	[TR_PHARMACY] = {"pharmacy", "薬局"},
	[TR_CARE_MANAGER] = {"care-management", "居宅介護支援"},
	[TR_BACKUP] = {"backup-hospital", "在宅療養後方支援病院"},
	[TR_DISCHARGE] = {"discharge-hospital", "退院元"},
};

void fhir_uuid(const char *key, char out[37])
{
	char msg[256], hex[DIGEST_HEX_LEN + 1];
	snprintf(msg, sizeof msg, "zaitaku:%s", key);
	digest_sha256_hex(msg, strlen(msg), hex);
	/* 16 bytes = the first 32 hex digits; version nibble (digit 12) = 8, variant (digit 16) = 10xx */
	static const char digits[] = "0123456789abcdef";
	hex[12] = '8';
	int v = (int)(strchr(digits, hex[16]) - digits);
	hex[16] = digits[8 | (v & 3)];
	snprintf(out, 37, "%.8s-%.4s-%.4s-%.4s-%.12s", hex, hex + 8, hex + 12, hex + 16, hex + 20);
}

static json_t *ref(const char *uuid, const char *display)
{
	char url[64];
	snprintf(url, sizeof url, "urn:uuid:%s", uuid);
	json_t *r = json_pack("{s:s}", "reference", url);
	if (display && display[0])
		json_object_set_new(r, "display", json_string(display));
	return r;
}

static void add_entry(json_t *entries, const char *uuid, json_t *resource)
{
	char url[64];
	snprintf(url, sizeof url, "urn:uuid:%s", uuid);
	json_object_set_new(resource, "id", json_string(uuid));
	json_array_append_new(entries, json_pack("{s:s, s:o}", "fullUrl", url, "resource", resource));
}

static json_t *phone(const char *number, const char *use)
{
	json_t *a = json_array();
	if (number && number[0])
		json_array_append_new(a, json_pack("{s:s, s:s, s:s}", "system", "phone", "value", number, "use", use));
	return a;
}

static void set_if(json_t *o, const char *key, json_t *v)
{
	if (v && ((json_is_array(v) && json_array_size(v) == 0) || (json_is_string(v) && json_string_length(v) == 0)))
		json_decref(v);
	else if (v)
		json_object_set_new(o, key, v);
}

static json_t *address(const char *text, const char *postal)
{
	json_t *a = json_array();
	if (!text || !text[0])
		return a;
	json_t *o = json_pack("{s:s, s:s}", "text", text, "country", "JP");
	if (postal && postal[0])
		json_object_set_new(o, "postalCode", json_string(postal));
	json_array_append_new(a, o);
	return a;
}

static json_t *role_concept(enum team_role r)
{
	return json_pack("{s:[{s:s, s:s, s:s}], s:s}", "coding", "system", FHIR_SYS_ROLE, "code", team_roles[r].code,
			 "display", team_roles[r].ja, "text", team_roles[r].ja);
}

static json_t *ext_identifier(const char *name, const char *system, const char *value)
{
	char url[160];
	snprintf(url, sizeof url, "http://jpfhir.jp/fhir/core/Extension/StructureDefinition/%s", name);
	return json_pack("{s:s, s:{s:s, s:s}}", "url", url, "valueIdentifier", "system", system, "value", value);
}

/* An Organization from the registry record f (or, without one, the team's view i). */
static json_t *organization(const struct team_inst *i, const struct facility *f)
{
	enum inst_kind kind = f ? f->kind : i->kind;
	json_t *o = json_pack("{s:s, s:b, s:s}", "resourceType", "Organization", "active", 1, "name", f ? f->name : i->name);
	if (f && medcode_valid(f->medical_code)) {
		/* JP Core: the 10-digit 医療機関コード as identifier; its parts as extensions */
		char pref[3], table[2];
		snprintf(pref, sizeof pref, "%.2s", f->medical_code);
		snprintf(table, sizeof table, "%.1s", f->medical_code + 2);
		json_object_set_new(o, "identifier", json_pack("[{s:s, s:s}]", "system", FHIR_SYS_MEDICAL_CODE, "value",
							       f->medical_code));
		json_object_set_new(o, "extension",
				    json_pack("[o, o, o]", ext_identifier("JP_Organization_PrefectureNo", FHIR_OID_PREFECTURE, pref),
					      ext_identifier("JP_Organization_InsuranceOrganizationCategory", FHIR_OID_TABLE, table),
					      ext_identifier("JP_Organization_InsuranceOrganizationNo", FHIR_OID_NUMBER7,
							     f->medical_code + 3)));
	}
	if ((int)kind >= 0 && kind < KIND__MAX)
		json_object_set_new(o, "type", json_pack("[{s:[{s:s, s:s, s:s}], s:s}]", "coding", "system", FHIR_SYS_KIND,
							 "code", inst_kinds[kind].code, "display", inst_kinds[kind].ja, "text",
							 inst_kinds[kind].ja));
	set_if(o, "telecom", phone(f ? f->phone : i->phone, "work"));
	if (f)
		set_if(o, "address", address(f->address, f->postal_code));
	return o;
}

static const struct facility *find_inst(const struct facility *insts, int n, int64_t id)
{
	for (int k = 0; k < n; k++)
		if (insts[k].id == id)
			return &insts[k];
	return NULL;
}

/* Splits "山田 花子" (ASCII or ideographic space) into family and given; false when there is none. */
static bool split_name(const char *name, char *family, size_t fn, const char **given)
{
	const char *sp = strchr(name, ' ');
	const char *ideo = strstr(name, "\xe3\x80\x80"); /* U+3000 */
	size_t skip = 1;
	if (ideo && (!sp || ideo < sp))
		sp = ideo, skip = 3;
	if (!sp || sp == name || !sp[skip])
		return false;
	snprintf(family, fn, "%.*s", (int)(sp - name), name);
	*given = sp + skip;
	return true;
}

static json_t *human_name(const char *text, const char *representation)
{
	json_t *n = json_pack("{s:s, s:s, s:[{s:s, s:s}]}", "use", "official", "text", text, "extension", "url",
			      "http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation", "valueCode",
			      representation);
	char family[128];
	const char *given;
	if (split_name(text, family, sizeof family, &given)) {
		json_object_set_new(n, "family", json_string(family));
		json_object_set_new(n, "given", json_pack("[s]", given));
	}
	return n;
}

static json_t *patient_resource(const struct patient *p, json_t *gp)
{
	static const char *const genders[SEX__MAX] = {"female", "male", "other", "unknown"};
	json_t *names = json_pack("[o]", human_name(p->name, "IDE"));
	if (p->kana[0])
		json_array_append_new(names, human_name(p->kana, "SYL"));
	json_t *o = json_pack("{s:s, s:o, s:s}", "resourceType", "Patient", "name", names, "gender",
			      (int)p->sex >= 0 && p->sex < SEX__MAX ? genders[p->sex] : "unknown");
	if (p->fictional)
		json_object_set_new(o, "meta", json_pack("{s:[{s:s, s:s, s:s}]}", "tag", "system", "urn:zaitaku:fhir:tag",
							  "code", "fictional", "display", "架空の患者（デモ）"));
	json_object_set_new(o, "active", json_boolean(p->status == PST_HOME || p->status == PST_HOSPITALISED));
	if (p->birth_date[0])
		json_object_set_new(o, "birthDate", json_string(p->birth_date));
	if (p->status == PST_DECEASED)
		json_object_set_new(o, "deceasedBoolean", json_true());
	set_if(o, "telecom", phone(p->phone, "home"));
	set_if(o, "address", address(p->address, p->postal_code));
	if (json_array_size(gp))
		json_object_set_new(o, "generalPractitioner", gp);
	else
		json_decref(gp);
	return o;
}

struct bundle {
	json_t *entries, *participants;
	const struct care_team *t;
	const struct facility *insts;
	int n;
	char primary_ref[37], primary_org[37];
};

/* True when the Bundle already holds the entry of uuid (an entry is written once: its uuid is its identity). */
static bool has_entry(const struct bundle *b, const char *uuid)
{
	char url[64];
	snprintf(url, sizeof url, "urn:uuid:%s", uuid);
	size_t k;
	json_t *e;
	json_array_foreach(b->entries, k, e) {
		if (strcmp(json_string_value(json_object_get(e, "fullUrl")), url) == 0)
			return true;
	}
	return false;
}

/* The Organization of institution i, its uuid in out. */
static void org_entry(struct bundle *b, const struct team_inst *i, char out[37])
{
	char key[48];
	snprintf(key, sizeof key, "Organization/%lld", (long long)i->id);
	fhir_uuid(key, out);
	if (!has_entry(b, out))
		add_entry(b->entries, out, organization(i, find_inst(b->insts, b->n, i->id)));
}

/* A participant: the doctor (Practitioner + PractitionerRole at the institution) when one is named,
 * else the institution itself. */
static void participant(struct bundle *b, enum team_role r, const struct team_person *doc, const struct team_inst *i,
			json_t *period)
{
	if (!i->id && !(doc && doc->id)) {
		json_decref(period);
		return;
	}
	char org[37] = "", member[37];
	const char *display = i->name;
	if (i->id)
		org_entry(b, i, org);
	if (doc && doc->id) {
		char key[96], pract[37];
		snprintf(key, sizeof key, "Practitioner/%lld", (long long)doc->id);
		fhir_uuid(key, pract);
		if (!has_entry(b, pract)) {
			json_t *pr = json_pack("{s:s, s:b, s:[{s:s}]}", "resourceType", "Practitioner", "active", 1, "name",
					       "text", doc->name);
			set_if(pr, "telecom", phone(doc->phone, "work"));
			add_entry(b->entries, pract, pr);
		}
		snprintf(key, sizeof key, "PractitionerRole/%lld/%lld/%s", (long long)doc->id, (long long)i->id,
			 team_roles[r].code);
		fhir_uuid(key, member);
		json_t *role = json_pack("{s:s, s:b, s:o, s:[o]}", "resourceType", "PractitionerRole", "active", 1,
					 "practitioner", ref(pract, doc->name), "code", role_concept(r));
		if (org[0])
			json_object_set_new(role, "organization", ref(org, i->name));
		add_entry(b->entries, member, role);
		display = doc->name;
	} else {
		memcpy(member, org, sizeof member);
	}
	if (r == TR_PRIMARY) {
		memcpy(b->primary_ref, member, sizeof member);
		memcpy(b->primary_org, org, sizeof org);
	}
	json_t *pt = json_pack("{s:[o], s:o}", "role", role_concept(r), "member", ref(member, display));
	if (period)
		json_object_set_new(pt, "period", period);
	json_array_append_new(b->participants, pt);
}

json_t *fhir_care_team_bundle(const struct patient *p, const struct care_team *t, const struct facility *insts, int n,
			      const char *timestamp)
{
	struct bundle b = {json_array(), json_array(), t, insts, n, "", ""};
	char key[48], patient_id[37], team_id[37];
	snprintf(key, sizeof key, "Patient/%lld", (long long)p->id);
	fhir_uuid(key, patient_id);
	snprintf(key, sizeof key, "CareTeam/%lld", (long long)p->id);
	fhir_uuid(key, team_id);
	/* the Patient first; its generalPractitioner is filled once the 主治医 is written */
	add_entry(b.entries, patient_id, json_object());
	participant(&b, TR_PRIMARY, &t->primary, &t->primary_inst, NULL);
	participant(&b, TR_SECONDARY, &t->secondary, &t->secondary_inst, NULL);
	participant(&b, TR_NURSE, NULL, &t->nurse_station, NULL);
	participant(&b, TR_PHARMACY, NULL, &t->pharmacy, NULL);
	participant(&b, TR_CARE_MANAGER, NULL, &t->care_manager, NULL);
	if (t->backup_id) {
		json_t *period = json_object();
		if (t->backup_registered_on[0])
			json_object_set_new(period, "start", json_string(t->backup_registered_on));
		if (t->backup_expires_on[0])
			json_object_set_new(period, "end", json_string(t->backup_expires_on));
		participant(&b, TR_BACKUP, NULL, &t->backup_hospital, period);
	}
	participant(&b, TR_DISCHARGE, NULL, &t->discharge_hospital, NULL);

	json_t *gp = json_array();
	if (b.primary_ref[0])
		json_array_append_new(gp, ref(b.primary_ref, t->primary.id ? t->primary.name : t->primary_inst.name));
	json_t *pe = json_object_get(json_array_get(b.entries, 0), "resource");
	json_t *pr = patient_resource(p, gp);
	json_object_update(pe, pr); /* adds pr's members (their references) to the entry's resource */
	json_decref(pr);

	json_t *team = json_pack("{s:s, s:s, s:s, s:o}", "resourceType", "CareTeam", "status", "active", "name",
				 "在宅医療ケアチーム（主治医・副主治医制）", "subject", ref(patient_id, p->name));
	if (json_array_size(b.participants))
		json_object_set_new(team, "participant", b.participants);
	else
		json_decref(b.participants);
	if (b.primary_org[0])
		json_object_set_new(team, "managingOrganization", json_pack("[o]", ref(b.primary_org, t->primary_inst.name)));
	add_entry(b.entries, team_id, team);
	return json_pack("{s:s, s:{s:s}, s:s, s:s, s:o}", "resourceType", "Bundle", "meta", "lastUpdated", timestamp,
			 "type", "collection", "timestamp", timestamp, "entry", b.entries);
}
