/*
 * HL7 FHIR R4 export of a patient's care team (issue 14 §7): a Bundle of type "collection" holding
 * the Patient, the doctors (Practitioner + PractitionerRole), the institutions (Organization, with
 * the 10-digit 医療機関コード as identifier and the JP Core prefecture / 点数表 / 7-digit number
 * extensions) and one CareTeam whose participants carry coded roles with Japanese display text
 * (主治医, 副主治医, 訪問看護, 薬局, 居宅介護支援, 在宅療養後方支援病院, 退院元). Every entry has a stable
 * "urn:uuid:" fullUrl derived from what it is (RFC 9562 version 8 over SHA-256), and every reference
 * points inside the Bundle. Pure over the rows given (jansson); documented in docs/network.md.
 */
#ifndef ZT_IO_FHIR_H
#define ZT_IO_FHIR_H

#include <jansson.h>

#include "domain/facility.h"
#include "domain/patient.h"

/* The identifier systems and code systems the export writes. */
#define FHIR_SYS_MEDICAL_CODE "http://jpfhir.jp/fhir/core/IdSystem/insurance-medical-institution-no"
#define FHIR_OID_PREFECTURE "urn:oid:1.2.392.100495.20.3.21"
#define FHIR_OID_TABLE "urn:oid:1.2.392.100495.20.3.22"
#define FHIR_OID_NUMBER7 "urn:oid:1.2.392.100495.20.3.23"
#define FHIR_SYS_ROLE "urn:zaitaku:fhir:care-team-role"
#define FHIR_SYS_KIND "urn:zaitaku:fhir:institution-kind"

/* The stable uuid (lowercase, 36 characters) of key, e.g. "Patient/12": SHA-256 of "zaitaku:" + key
 * with the version (8) and variant bits of RFC 9562 set. */
void fhir_uuid(const char *key, char out[37]);

/*
 * The Bundle of patient p and its team t. insts[0..n) are the registry records of the team's
 * institutions (any order; an institution of t missing from insts is written from t's name and
 * phone alone). timestamp is the export's instant (ISO 8601 UTC). Returns a new object (caller
 * owns); never NULL.
 */
json_t *fhir_care_team_bundle(const struct patient *p, const struct care_team *t, const struct facility *insts, int n,
			      const char *timestamp);

#endif
