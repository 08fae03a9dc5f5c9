/* The route table: every endpoint of the API in one place, in reading order, with the policy action
 * whose role gate runs before the handler (issue 3 §2, issue 10 §5; documented in docs/api.md). */
#include "http/routes.h"
#include "http/h_imports.h"
#include "http/h_designation.h"
#include "http/h_auth.h"
#include "http/h_audit.h"
#include "http/h_groups.h"
#include "http/h_subsidies.h"
#include "http/h_tokens.h"
#include "http/h_region.h"
#include "http/h_facility_history.h"
#include "http/h_boundaries.h"
#include "http/h_patients.h"
#include "http/h_network.h"
#include "http/h_interop.h"
#include "http/h_rota.h"
#include "http/h_referrals.h"
#include "http/h_plans.h"
#include "http/h_programme.h"
#include "http/h_training.h"
#include "http/h_surveys.h"

#include <stdio.h>
#include <string.h>

const struct route routes[] = {
	/*method    pattern                                                      handler                            access        act                    body_max */
	/* — reference */
	{"GET",    "/api/v1/health",                                             h_health,                          ROUTE_PUBLIC, ACT_PUBLIC_READ,       0},
	{"GET",    "/api/v1/codes",                                              h_meta_codes,                      ROUTE_PUBLIC, ACT_PUBLIC_READ,       0},
	{"GET",    "/api/v1/prefectures",                                        h_prefectures,                     ROUTE_PUBLIC, ACT_PUBLIC_READ,       0},
	{"GET",    "/api/v1/municipalities",                                     h_municipalities,                  ROUTE_PUBLIC, ACT_PUBLIC_READ,       0},
	{"GET",    "/api/v1/medical-areas",                                      h_medical_areas,                   ROUTE_PUBLIC, ACT_PUBLIC_READ,       0},
	{"GET",    "/api/v1/areas",                                              h_areas,                           ROUTE_PUBLIC, ACT_PUBLIC_READ,       0},
	{"GET",    "/api/v1/medical-associations",                               h_medical_associations,            ROUTE_PUBLIC, ACT_PUBLIC_READ,       0},
	{"GET",    "/api/v1/adjacency",                                          h_adjacency,                       ROUTE_PUBLIC, ACT_PUBLIC_READ,       0},
	{"GET",    "/api/v1/boundaries",                                         h_boundaries,                      ROUTE_PUBLIC, ACT_PUBLIC_READ,       0},
	/* — region set-up (二次医療圏, 圏域, 郡市医師会, 人口, 隣接市町村) and positions (issue 12 §1–§2) */
	{"GET",    "/api/v1/region/{kind}",                                      h_region_get,                      ROUTE_PUBLIC, ACT_PUBLIC_READ,       0},
	{"PUT",    "/api/v1/region/{kind}",                                      h_region_put,                      ROUTE_SIGNED, ACT_REGION_WRITE,      0},
	{"POST",   "/api/v1/region/{kind}/import",                               h_region_import,                   ROUTE_SIGNED, ACT_REGION_WRITE,      HTTP_IMPORT_BODY_MAX},
	{"GET",    "/api/v1/region/{kind}/export",                               h_region_export,                   ROUTE_PUBLIC, ACT_PUBLIC_READ,       0},
	{"GET",    "/api/v1/positions/unconfirmed",                              h_positions_unconfirmed,           ROUTE_PUBLIC, ACT_PUBLIC_READ,       0},
	{"POST",   "/api/v1/positions/import",                                   h_positions_import,                ROUTE_SIGNED, ACT_REGISTRY_WRITE,    HTTP_IMPORT_BODY_MAX},
	{"POST",   "/api/v1/positions/geocode",                                  h_positions_geocode,               ROUTE_SIGNED, ACT_REGISTRY_WRITE,    0},
	/* — session and accounts (GET /session: 401 signed out; ?quiet=1 → 200 {user:null}) */
	{"POST",   "/api/v1/session",                                            h_session_create,                  ROUTE_PUBLIC, ACT_NONE,              0},
	{"GET",    "/api/v1/session",                                            h_session_get,                     ROUTE_PUBLIC, ACT_NONE,              0},
	{"DELETE", "/api/v1/session",                                            h_session_delete,                  ROUTE_SIGNED, ACT_NONE,              0},
	{"GET",    "/api/v1/users",                                              h_users_list,                      ROUTE_SIGNED, ACT_USER_ADMIN,        0},
	{"POST",   "/api/v1/users",                                              h_users_create,                    ROUTE_SIGNED, ACT_USER_ADMIN,        0},
	{"PUT",    "/api/v1/users/{id}",                                         h_user_put,                        ROUTE_SIGNED, ACT_USER_ADMIN,        0},
	{"GET",    "/api/v1/tokens",                                             h_tokens_list,                     ROUTE_SIGNED, ACT_NONE,              0},
	{"POST",   "/api/v1/tokens",                                             h_tokens_create,                   ROUTE_SIGNED, ACT_NONE,              0},
	{"DELETE", "/api/v1/tokens/{id}",                                        h_token_delete,                    ROUTE_SIGNED, ACT_NONE,              0},
	/* — the registry (医療機関・事業所) */
	{"GET",    "/api/v1/facilities",                                         h_facilities_list,                 ROUTE_PUBLIC, ACT_PUBLIC_READ,       0},
	{"POST",   "/api/v1/facilities",                                         h_facilities_create,               ROUTE_SIGNED, ACT_REGISTRY_WRITE,    0},
	{"GET",    "/api/v1/facilities/{id}",                                    h_facility_get,                    ROUTE_PUBLIC, ACT_PUBLIC_READ,       0},
	{"PUT",    "/api/v1/facilities/{id}",                                    h_facility_put,                    ROUTE_SIGNED, ACT_REGISTRY_WRITE,    0},
	{"DELETE", "/api/v1/facilities/{id}",                                    h_facility_delete,                 ROUTE_SIGNED, ACT_REGISTRY_WRITE,    0},
	{"GET",    "/api/v1/facilities/{id}/history",                            h_facility_history,                ROUTE_SIGNED, ACT_REGISTRY_WRITE,    0},
	{"POST",   "/api/v1/imports/facility-standards",                         h_import_facility_standards,       ROUTE_SIGNED, ACT_IMPORT,            HTTP_IMPORT_BODY_MAX},
	{"POST",   "/api/v1/imports/code-list",                                  h_import_code_list,                ROUTE_SIGNED, ACT_IMPORT,            HTTP_IMPORT_BODY_MAX},
	{"POST",   "/api/v1/imports/facilities",                                 h_import_facilities,               ROUTE_SIGNED, ACT_REGISTRY_WRITE,            HTTP_IMPORT_BODY_MAX},
	{"GET",    "/api/v1/imports",                                            h_imports_list,                    ROUTE_SIGNED, ACT_IMPORT,            0},
	{"GET",    "/api/v1/imports/latest",                                     h_imports_latest,                  ROUTE_PUBLIC, ACT_PUBLIC_READ,       0},
	{"GET",    "/api/v1/facilities.xlsx",                                    h_facilities_xlsx,                 ROUTE_SIGNED, ACT_REGISTRY_WRITE,            0},
	{"GET",    "/api/v1/facilities.csv",                                     h_facilities_csv,                  ROUTE_SIGNED, ACT_REGISTRY_WRITE,            0},
	/* — groups (グループ化; the list shows each user the groups they may read) */
	{"GET",    "/api/v1/groups",                                             h_groups_list,                     ROUTE_SIGNED, ACT_NONE,              0},
	{"POST",   "/api/v1/groups",                                             h_groups_create,                   ROUTE_SIGNED, ACT_GROUP_WRITE,       0},
	{"GET",    "/api/v1/groups/{id}",                                        h_group_get,                       ROUTE_SIGNED, ACT_GROUP_READ,        0},
	{"PUT",    "/api/v1/groups/{id}",                                        h_group_put,                       ROUTE_SIGNED, ACT_GROUP_WRITE,       0},
	{"DELETE", "/api/v1/groups/{id}",                                        h_group_delete,                    ROUTE_SIGNED, ACT_GROUP_WRITE,       0},
	{"PUT",    "/api/v1/groups/{id}/members",                                h_group_members_put,               ROUTE_SIGNED, ACT_GROUP_WRITE,       0},
	{"POST",   "/api/v1/groups/{id}/members",                                h_group_members_post,              ROUTE_SIGNED, ACT_GROUP_WRITE,       0},
	{"DELETE", "/api/v1/groups/{id}/members/{institution_id}",               h_group_member_delete,             ROUTE_SIGNED, ACT_GROUP_WRITE,       0},
	{"GET",    "/api/v1/groups/{id}/validation",                             h_group_validation,                ROUTE_SIGNED, ACT_GROUP_READ,        0},
	{"PUT",    "/api/v1/groups/{id}/agreement",                              h_group_agreement_put,             ROUTE_SIGNED, ACT_GROUP_WRITE,       0},
	{"PUT",    "/api/v1/groups/{id}/agreement/document",                     h_group_document_put,              ROUTE_SIGNED, ACT_GROUP_WRITE,       HTTP_UPLOAD_BODY_MAX},
	{"GET",    "/api/v1/groups/{id}/agreement/document",                     h_group_document_get,              ROUTE_SIGNED, ACT_GROUP_READ,        0},
	{"POST",   "/api/v1/groups/{id}/initiatives",                            h_group_initiatives_post,          ROUTE_SIGNED, ACT_GROUP_WRITE,       0},
	{"GET",    "/api/v1/groups/{id}/initiatives",                            h_group_initiatives_get,           ROUTE_SIGNED, ACT_GROUP_READ,        0},
	{"GET",    "/api/v1/groups/{id}/initiatives/summary",                    h_group_initiatives_summary,       ROUTE_SIGNED, ACT_GROUP_READ,        0},
	{"PUT",    "/api/v1/groups/{id}/initiatives/{initiative_id}/attachment", h_group_initiative_attachment_put, ROUTE_SIGNED, ACT_GROUP_WRITE,       HTTP_UPLOAD_BODY_MAX},
	{"GET",    "/api/v1/groups/{id}/initiatives/{initiative_id}/attachment", h_group_initiative_attachment_get, ROUTE_SIGNED, ACT_GROUP_READ,        0},
	{"GET",    "/api/v1/groups/{id}/certificates",                           h_group_certificates,              ROUTE_SIGNED, ACT_GROUP_READ,        0},
	{"GET",    "/api/v1/groups/{id}/certificates/{institution_id}.pdf",      h_group_certificate_pdf,           ROUTE_SIGNED, ACT_GROUP_READ,        0},
	{"GET",    "/api/v1/certificates/{number}",                              h_certificate_status,              ROUTE_PUBLIC, ACT_PUBLIC_READ,       0},
	{"GET",    "/api/v1/public/groups",                                      h_public_groups,                   ROUTE_PUBLIC, ACT_PUBLIC_READ,       0},
	{"POST",   "/api/v1/groups/{id}/publish",                                h_group_publish,                   ROUTE_SIGNED, ACT_PUBLISH,           0},
	{"DELETE", "/api/v1/groups/{id}/publish",                                h_group_unpublish,                 ROUTE_SIGNED, ACT_PUBLISH,           0},
	{"GET",    "/api/v1/certificate-issuers/{prefecture}",                   h_certificate_issuer_get,          ROUTE_SIGNED, ACT_GROUP_READ,        0},
	{"PUT",    "/api/v1/certificate-issuers/{prefecture}",                   h_certificate_issuer_put,          ROUTE_SIGNED, ACT_PUBLISH,           0},
	/* — designation (指定), checklists, 在宅医療サポートセンター, coverage audit */
	{"GET",    "/api/v1/designations",                                       h_designations_list,               ROUTE_SIGNED, ACT_DESIGNATION_READ,  0},
	{"POST",   "/api/v1/designations",                                       h_designations_create,             ROUTE_SIGNED, ACT_DESIGNATION_WRITE, 0},
	{"DELETE", "/api/v1/designations/{id}",                                  h_designation_delete,              ROUTE_SIGNED, ACT_DESIGNATION_WRITE, 0},
	{"GET",    "/api/v1/designations/{id}/checklist",                        h_designation_checklist_get,       ROUTE_SIGNED, ACT_DESIGNATION_READ,  0},
	{"PUT",    "/api/v1/designations/{id}/checklist",                        h_designation_checklist_put,       ROUTE_SIGNED, ACT_CHECKLIST_WRITE,   0},
	{"GET",    "/api/v1/designations/unpublished",                           h_designations_unpublished,        ROUTE_SIGNED, ACT_PUBLISH,           0},
	{"POST",   "/api/v1/designations/{id}/publish",                          h_designation_publish,             ROUTE_SIGNED, ACT_PUBLISH,           0},
	{"DELETE", "/api/v1/designations/{id}/publish",                          h_designation_unpublish,           ROUTE_SIGNED, ACT_PUBLISH,           0},
	{"POST",   "/api/v1/support-centres",                                    h_support_centres_create,          ROUTE_SIGNED, ACT_DESIGNATION_WRITE, 0},
	{"PUT",    "/api/v1/support-centres/{id}",                               h_support_centre_put,              ROUTE_SIGNED, ACT_DESIGNATION_WRITE, 0},
	{"DELETE", "/api/v1/support-centres/{id}",                               h_support_centre_delete,           ROUTE_SIGNED, ACT_DESIGNATION_WRITE, 0},
	{"PUT",    "/api/v1/support-centre-quotas/{id}",                         h_support_centre_quota_put,        ROUTE_SIGNED, ACT_DESIGNATION_WRITE, 0},
	{"PUT",    "/api/v1/consultation-desks",                                 h_consultation_desk_put,           ROUTE_SIGNED, ACT_DESIGNATION_WRITE, 0},
	{"GET",    "/api/v1/coverage",                                           h_coverage,                        ROUTE_SIGNED, ACT_DESIGNATION_READ,  0},
	{"GET",    "/api/v1/coverage.csv",                                       h_coverage_csv,                    ROUTE_SIGNED, ACT_DESIGNATION_READ,  0},
	{"GET",    "/api/v1/coverage.xlsx",                                      h_coverage_xlsx,                   ROUTE_SIGNED, ACT_DESIGNATION_READ,  0},
	{"GET",    "/api/v1/public/designations",                                h_public_designations,             ROUTE_PUBLIC, ACT_PUBLIC_READ,       0},
	/* — the 24-hour network (issue 14): patients (要配慮個人情報: every read audited, no-store), teams, call chain, duties */
	{"GET",    "/api/v1/holidays",                                           h_holidays,                        ROUTE_PUBLIC, ACT_PUBLIC_READ,       0},
	{"GET",    "/api/v1/patients",                                           h_patients_list,                   ROUTE_SIGNED, ACT_PATIENT_READ,      0},
	{"POST",   "/api/v1/patients",                                           h_patients_create,                 ROUTE_SIGNED, ACT_PATIENT_WRITE,     0},
	{"GET",    "/api/v1/patients/{id}",                                      h_patient_get,                     ROUTE_SIGNED, ACT_PATIENT_READ,      0},
	{"PUT",    "/api/v1/patients/{id}",                                      h_patient_put,                     ROUTE_SIGNED, ACT_PATIENT_WRITE,     0},
	{"PUT",    "/api/v1/patients/{id}/team",                                 h_patient_team_put,                ROUTE_SIGNED, ACT_PATIENT_WRITE,     0},
	{"GET",    "/api/v1/patients/{id}/backup-registrations",                 h_patient_backups_get,             ROUTE_SIGNED, ACT_PATIENT_READ,      0},
	{"POST",   "/api/v1/patients/{id}/backup-registrations",                 h_patient_backups_post,            ROUTE_SIGNED, ACT_PATIENT_WRITE,     0},
	{"POST",   "/api/v1/patients/{id}/backup-exchanges",                     h_patient_exchanges_post,          ROUTE_SIGNED, ACT_PATIENT_WRITE,     0},
	{"GET",    "/api/v1/patients/{id}/call-chain",                           h_patient_call_chain,              ROUTE_SIGNED, ACT_PATIENT_READ,      0},
	{"GET",    "/api/v1/facilities/{id}/beds",                               h_facility_beds_get,               ROUTE_SIGNED, ACT_PATIENT_READ,      0},
	{"PUT",    "/api/v1/facilities/{id}/beds",                               h_facility_beds_put,               ROUTE_SIGNED, ACT_PATIENT_WRITE,     0},
	{"POST",   "/api/v1/absences",                                           h_absences_create,                 ROUTE_SIGNED, ACT_PATIENT_WRITE,     0},
	{"GET",    "/api/v1/absences/{id}/substitutes",                          h_absence_substitutes,             ROUTE_SIGNED, ACT_PATIENT_READ,      0},
	{"POST",   "/api/v1/absences/{id}/substitutions",                        h_absence_substitutions_post,      ROUTE_SIGNED, ACT_PATIENT_WRITE,     0},
	{"GET",    "/api/v1/groups/{id}/duties",                                 h_group_duties_get,                ROUTE_SIGNED, ACT_GROUP_READ,        0},
	{"POST",   "/api/v1/groups/{id}/duties",                                 h_group_duties_post,               ROUTE_SIGNED, ACT_GROUP_WRITE,       0},
	{"DELETE", "/api/v1/groups/{id}/duties/{duty_id}",                       h_group_duty_delete,               ROUTE_SIGNED, ACT_GROUP_WRITE,       0},
	{"PUT",    "/api/v1/groups/{id}/duty-settings",                          h_group_duty_settings_put,         ROUTE_SIGNED, ACT_GROUP_WRITE,       0},
	/* — the network's leftovers (issue 14 §2, §4, §5): 在後病 end, absence edits, seed 002 ③ rules, hospital night duty, bed history */
	{"POST",   "/api/v1/patients/{id}/backup-registrations/{registration_id}/end", h_patient_backup_end,        ROUTE_SIGNED, ACT_PATIENT_WRITE,     0},
	{"PUT",    "/api/v1/absences/{id}",                                      h_absence_put,                     ROUTE_SIGNED, ACT_PATIENT_WRITE,     0},
	{"GET",    "/api/v1/groups/{id}/network-rules",                          h_group_network_rules_get,         ROUTE_SIGNED, ACT_GROUP_READ,        0},
	{"PUT",    "/api/v1/groups/{id}/network-rules",                          h_group_network_rules_put,         ROUTE_SIGNED, ACT_GROUP_WRITE,       0},
	{"GET",    "/api/v1/groups/{id}/hospital-duties",                        h_group_hospital_duties_get,       ROUTE_SIGNED, ACT_GROUP_READ,        0},
	{"POST",   "/api/v1/groups/{id}/hospital-duties",                        h_group_hospital_duties_post,      ROUTE_SIGNED, ACT_GROUP_WRITE,       0},
	{"DELETE", "/api/v1/groups/{id}/hospital-duties/{duty_id}",              h_group_hospital_duty_delete,      ROUTE_SIGNED, ACT_GROUP_WRITE,       0},
	{"GET",    "/api/v1/facilities/{id}/beds/history",                       h_facility_beds_history,           ROUTE_SIGNED, ACT_PATIENT_READ,      0},
	/* — interop (issue 14 §7): FHIR R4 export of a care team; iCalendar duty feeds by secret URL (no session) */
	{"GET",    "/api/v1/patients/{id}/fhir",                                 h_patient_fhir,                    ROUTE_SIGNED, ACT_PATIENT_READ,      0},
	{"GET",    "/api/v1/feeds",                                              h_feeds_list,                      ROUTE_SIGNED, ACT_FEED_MANAGE,       0},
	{"POST",   "/api/v1/feeds",                                              h_feeds_create,                    ROUTE_SIGNED, ACT_FEED_MANAGE,       0},
	{"DELETE", "/api/v1/feeds/{id}",                                         h_feed_delete,                     ROUTE_SIGNED, ACT_FEED_MANAGE,       0},
	{"GET",    "/ical/{token}.ics",                                          h_ical_get,                        ROUTE_PUBLIC, ACT_PUBLIC_READ,       0},
	/* — fair on-call rotas (issue 15): settings, unavailability, solve jobs, edits, export */
	{"GET",    "/api/v1/groups/{id}/rota",                                   h_rota_get,                        ROUTE_SIGNED, ACT_GROUP_READ,        0},
	{"GET",    "/api/v1/groups/{id}/rota.xlsx",                              h_rota_xlsx,                       ROUTE_SIGNED, ACT_GROUP_READ,        0},
	{"PUT",    "/api/v1/groups/{id}/rota/doctors/{pid}",                     h_rota_doctor_put,                 ROUTE_SIGNED, ACT_GROUP_WRITE,       0},
	{"POST",   "/api/v1/groups/{id}/rota/unavailable",                       h_rota_unavailable_post,           ROUTE_SIGNED, ACT_GROUP_WRITE,       0},
	{"POST",   "/api/v1/groups/{id}/rota/unavailable/import",                h_rota_unavailable_import,         ROUTE_SIGNED, ACT_GROUP_WRITE,       HTTP_IMPORT_BODY_MAX},
	{"DELETE", "/api/v1/groups/{id}/rota/unavailable/{uid}",                 h_rota_unavailable_delete,         ROUTE_SIGNED, ACT_GROUP_WRITE,       0},
	{"POST",   "/api/v1/groups/{id}/rota/wishes",                            h_rota_wishes_post,                ROUTE_SIGNED, ACT_GROUP_WRITE,       0},
	{"POST",   "/api/v1/groups/{id}/rota/solve",                             h_rota_solve,                      ROUTE_SIGNED, ACT_GROUP_WRITE,       0},
	{"POST",   "/api/v1/groups/{id}/rota/swap",                              h_rota_swap,                       ROUTE_SIGNED, ACT_GROUP_WRITE,       0},
	{"POST",   "/api/v1/groups/{id}/rota/give",                              h_rota_give,                       ROUTE_SIGNED, ACT_GROUP_WRITE,       0},
	{"PUT",    "/api/v1/groups/{id}/rota/slot",                              h_rota_slot_put,                   ROUTE_SIGNED, ACT_GROUP_WRITE,       0},
	{"GET",    "/api/v1/jobs/{id}",                                          h_job_get,                         ROUTE_SIGNED, ACT_GROUP_READ,        0},
	{"POST",   "/api/v1/jobs/{id}/cancel",                                   h_job_cancel,                      ROUTE_SIGNED, ACT_GROUP_WRITE,       0},
	/* — discharge referrals (退院調整, issue 16): patient data (every read audited, no-store); the policy's referral check */
	{"GET",    "/api/v1/referrals",                                          h_referrals_list,                  ROUTE_SIGNED, ACT_PATIENT_READ,      0},
	{"POST",   "/api/v1/referrals",                                          h_referrals_create,                ROUTE_SIGNED, ACT_PATIENT_WRITE,     0},
	{"GET",    "/api/v1/referrals/{id}",                                     h_referral_get,                    ROUTE_SIGNED, ACT_PATIENT_READ,      0},
	{"PUT",    "/api/v1/referrals/{id}",                                     h_referral_put,                    ROUTE_SIGNED, ACT_PATIENT_WRITE,     0},
	{"POST",   "/api/v1/referrals/{id}/transitions",                         h_referral_transition,             ROUTE_SIGNED, ACT_PATIENT_WRITE,     0},
	{"GET",    "/api/v1/referrals/{id}/candidates",                          h_referral_candidates,             ROUTE_SIGNED, ACT_PATIENT_READ,      0},
	{"GET",    "/api/v1/referral-batches/proposal",                          h_referral_batch_proposal,         ROUTE_SIGNED, ACT_PATIENT_READ,      0},
	{"POST",   "/api/v1/referral-batches",                                   h_referral_batch_confirm,          ROUTE_SIGNED, ACT_PATIENT_WRITE,     0},
	{"GET",    "/api/v1/referral-reports",                                   h_referral_report,                 ROUTE_SIGNED, ACT_PATIENT_READ,      0},
	{"GET",    "/api/v1/referral-reports.csv",                               h_referral_report_csv,             ROUTE_SIGNED, ACT_PATIENT_READ,      0},
	{"GET",    "/api/v1/referral-reports.xlsx",                              h_referral_report_xlsx,            ROUTE_SIGNED, ACT_PATIENT_READ,      0},
	{"GET",    "/api/v1/facilities/{id}/capacity",                           h_facility_capacity_get,           ROUTE_SIGNED, ACT_PATIENT_READ,      0},
	{"PUT",    "/api/v1/facilities/{id}/capacity",                           h_facility_capacity_put,           ROUTE_SIGNED, ACT_PATIENT_WRITE,     0},
	/* — the coordinator programme (issue 18): operators 事業者 */
	{"GET",    "/api/v1/operators",                                          h_operators_list,                  ROUTE_SIGNED, ACT_PROGRAMME_READ,    0},
	{"POST",   "/api/v1/operators",                                          h_operators_create,                ROUTE_SIGNED, ACT_OPERATOR_MANAGE,   0},
	{"GET",    "/api/v1/operators/{id}",                                     h_operator_get,                    ROUTE_SIGNED, ACT_PROGRAMME_READ,    0},
	{"PUT",    "/api/v1/operators/{id}",                                     h_operator_put,                    ROUTE_SIGNED, ACT_OPERATOR_MANAGE,   0},
	/* — meetings 情報交換会・連絡会・協議体・地域ケア会議・多職種研修・住民向け (issue 18 §4) */
	{"GET",    "/api/v1/meetings",                                           h_meetings_list,                   ROUTE_SIGNED, ACT_PROGRAMME_READ,    0},
	{"POST",   "/api/v1/meetings",                                           h_meetings_create,                 ROUTE_SIGNED, ACT_PROGRAMME_WRITE,   0},
	{"GET",    "/api/v1/meetings.ics",                                       h_meetings_ical,                   ROUTE_SIGNED, ACT_PROGRAMME_READ,    0},
	{"GET",    "/api/v1/meetings/{id}",                                      h_meeting_get,                     ROUTE_SIGNED, ACT_PROGRAMME_READ,    0},
	{"PUT",    "/api/v1/meetings/{id}",                                      h_meeting_put,                     ROUTE_SIGNED, ACT_PROGRAMME_WRITE,   0},
	{"DELETE", "/api/v1/meetings/{id}",                                      h_meeting_delete,                  ROUTE_SIGNED, ACT_PROGRAMME_WRITE,   0},
	{"PUT",    "/api/v1/meetings/{id}/minutes.pdf",                          h_meeting_pdf_put,                 ROUTE_SIGNED, ACT_PROGRAMME_WRITE,   HTTP_UPLOAD_BODY_MAX},
	{"GET",    "/api/v1/meetings/{id}/minutes.pdf",                          h_meeting_pdf_get,                 ROUTE_SIGNED, ACT_PROGRAMME_READ,    0},
	/* — clinic development stages A–D with history and plans (issue 18 §3); {id} is the clinic */
	{"GET",    "/api/v1/stages",                                             h_stages_list,                     ROUTE_SIGNED, ACT_PROGRAMME_READ,    0},
	{"POST",   "/api/v1/stages/snapshot",                                    h_stages_snapshot,                 ROUTE_SIGNED, ACT_PROGRAMME_WRITE,   0},
	{"GET",    "/api/v1/stages/{id}",                                        h_stage_get,                       ROUTE_SIGNED, ACT_PROGRAMME_READ,    0},
	{"PUT",    "/api/v1/stages/{id}",                                        h_stage_put,                       ROUTE_SIGNED, ACT_PROGRAMME_WRITE,   0},
	{"PUT",    "/api/v1/stages/{id}/plan",                                   h_stage_plan_put,                  ROUTE_SIGNED, ACT_PROGRAMME_WRITE,   0},
	/* — institution visits (issue 18 §5, seed 002 ①) */
	{"GET",    "/api/v1/facilities/{id}/visits",                             h_facility_visits_list,            ROUTE_SIGNED, ACT_PROGRAMME_READ,    0},
	{"POST",   "/api/v1/facilities/{id}/visits",                             h_facility_visits_create,          ROUTE_SIGNED, ACT_PROGRAMME_WRITE,   0},
	{"DELETE", "/api/v1/visits/{id}",                                        h_visit_delete,                    ROUTE_SIGNED, ACT_PROGRAMME_WRITE,   0},
	{"GET",    "/api/v1/visits",                                             h_visits_year,                     ROUTE_SIGNED, ACT_PROGRAMME_READ,    0},
	/* — awards 顕彰 (issue 18 §6, seed 004): nominations, the prefecture's decision, the public list */
	{"GET",    "/api/v1/awards",                                             h_awards_list,                     ROUTE_SIGNED, ACT_PROGRAMME_READ,    0},
	{"POST",   "/api/v1/awards",                                             h_awards_create,                   ROUTE_SIGNED, ACT_PROGRAMME_WRITE,   0},
	{"PUT",    "/api/v1/awards/{id}",                                        h_award_put,                       ROUTE_SIGNED, ACT_PROGRAMME_WRITE,   0},
	{"DELETE", "/api/v1/awards/{id}",                                        h_award_delete,                    ROUTE_SIGNED, ACT_PROGRAMME_WRITE,   0},
	{"PUT",    "/api/v1/awards/{id}/decision",                               h_award_decision_put,              ROUTE_SIGNED, ACT_PUBLISH,           0},
	{"GET",    "/api/v1/public/awards",                                      h_public_awards,                   ROUTE_PUBLIC, ACT_PUBLIC_READ,       0},
	/* — clinic surveys (issue 18 §1, seed 002 STEP1 現状把握): the district's coordinator; clinics answer by personal link (no session) */
	{"GET",    "/api/v1/survey-templates",                                   h_survey_templates,                ROUTE_SIGNED, ACT_SURVEY_WRITE,      0},
	{"GET",    "/api/v1/surveys",                                            h_surveys_list,                    ROUTE_SIGNED, ACT_SURVEY_READ,       0},
	{"POST",   "/api/v1/surveys",                                            h_surveys_create,                  ROUTE_SIGNED, ACT_SURVEY_WRITE,      0},
	{"GET",    "/api/v1/surveys/{id}",                                       h_survey_get,                      ROUTE_SIGNED, ACT_SURVEY_READ,       0},
	{"PUT",    "/api/v1/surveys/{id}",                                       h_survey_put,                      ROUTE_SIGNED, ACT_SURVEY_WRITE,      0},
	{"POST",   "/api/v1/surveys/{id}/send",                                  h_survey_send,                     ROUTE_SIGNED, ACT_SURVEY_WRITE,      0},
	{"POST",   "/api/v1/surveys/{id}/close",                                 h_survey_close,                    ROUTE_SIGNED, ACT_SURVEY_WRITE,      0},
	{"GET",    "/api/v1/surveys/{id}/clinics",                               h_survey_clinics,                  ROUTE_SIGNED, ACT_SURVEY_READ,       0},
	{"GET",    "/api/v1/surveys/{id}/responses/{institution_id}",            h_survey_response_get,             ROUTE_SIGNED, ACT_SURVEY_READ,       0},
	{"PUT",    "/api/v1/surveys/{id}/responses/{institution_id}",            h_survey_response_put,             ROUTE_SIGNED, ACT_SURVEY_WRITE,      0},
	{"POST",   "/api/v1/surveys/{id}/import",                                h_survey_import,                   ROUTE_SIGNED, ACT_SURVEY_WRITE,      HTTP_IMPORT_BODY_MAX},
	{"GET",    "/api/v1/surveys/{id}/results",                               h_survey_results,                  ROUTE_SIGNED, ACT_SURVEY_READ,       0},
	{"GET",    "/api/v1/surveys/{id}/barriers.svg",                          h_survey_barriers_svg,             ROUTE_SIGNED, ACT_SURVEY_READ,       0},
	{"GET",    "/api/v1/surveys/{id}/results.xlsx",                          h_survey_results_xlsx,             ROUTE_SIGNED, ACT_SURVEY_READ,       0},
	{"GET",    "/api/v1/survey-links/{token}",                               h_survey_link_get,                 ROUTE_PUBLIC, ACT_PUBLIC_READ,       0},
	{"PUT",    "/api/v1/survey-links/{token}",                               h_survey_link_put,                 ROUTE_PUBLIC, ACT_PUBLIC_READ,       0},
	/* — the audit trail (監査記録) */
	{"GET",    "/api/v1/audit",                                              h_audit_list,                      ROUTE_SIGNED, ACT_AUDIT_READ,        0},
	{"GET",    "/api/v1/audit.csv",                                          h_audit_csv,                       ROUTE_SIGNED, ACT_AUDIT_READ,        0},
	/* — subsidies (issue 19 §3): the expense ledger per operator and year, receipts, the claim 所要額明細書 */
	{"GET",    "/api/v1/subsidies/programmes",                               h_subsidy_programmes,              ROUTE_SIGNED, ACT_PROGRAMME_READ,    0},
	{"GET",    "/api/v1/operators/{id}/subsidies/{fiscal_year}/expenses",    h_subsidy_expenses_list,           ROUTE_SIGNED, ACT_PROGRAMME_READ,    0},
	{"POST",   "/api/v1/operators/{id}/subsidies/{fiscal_year}/expenses",    h_subsidy_expenses_create,         ROUTE_SIGNED, ACT_PROGRAMME_WRITE,   0},
	{"GET",    "/api/v1/operators/{id}/subsidies/{fiscal_year}/claim",       h_subsidy_claim,                   ROUTE_SIGNED, ACT_PROGRAMME_READ,    0},
	{"GET",    "/api/v1/operators/{id}/subsidies/{fiscal_year}/claim.xlsx",  h_subsidy_claim_xlsx,              ROUTE_SIGNED, ACT_PROGRAMME_READ,    0},
	{"GET",    "/api/v1/operators/{id}/subsidies/{fiscal_year}/claim.pdf",   h_subsidy_claim_pdf,               ROUTE_SIGNED, ACT_PROGRAMME_READ,    0},
	{"PUT",    "/api/v1/subsidies/expenses/{id}",                            h_subsidy_expense_put,             ROUTE_SIGNED, ACT_PROGRAMME_WRITE,   0},
	{"DELETE", "/api/v1/subsidies/expenses/{id}",                            h_subsidy_expense_delete,          ROUTE_SIGNED, ACT_PROGRAMME_WRITE,   0},
	{"PUT",    "/api/v1/subsidies/expenses/{id}/receipt",                    h_subsidy_receipt_put,             ROUTE_SIGNED, ACT_PROGRAMME_WRITE,   HTTP_UPLOAD_BODY_MAX},
	{"GET",    "/api/v1/subsidies/expenses/{id}/receipt",                    h_subsidy_receipt_get,             ROUTE_SIGNED, ACT_PROGRAMME_READ,    0},
	/* — activity plans (PDCA, issue 19): an operator's coordinators, its prefecture, admin (app_plans.h) */
	{"GET",    "/api/v1/plan-rulesets",                                      h_plan_rulesets,                   ROUTE_PUBLIC, ACT_PUBLIC_READ,       0},
	{"PUT",    "/api/v1/operators/{id}/ruleset",                             h_operator_ruleset_put,            ROUTE_SIGNED, ACT_OPERATOR_MANAGE,   0},
	{"GET",    "/api/v1/operators/{id}/plans/{fy}",                          h_plan_get,                        ROUTE_SIGNED, ACT_PROGRAMME_READ,    0},
	{"PUT",    "/api/v1/operators/{id}/plans/{fy}",                          h_plan_put,                        ROUTE_SIGNED, ACT_PROGRAMME_WRITE,   0},
	{"POST",   "/api/v1/operators/{id}/plans/{fy}/uploads",                  h_plan_upload_post,                ROUTE_SIGNED, ACT_PROGRAMME_WRITE,   HTTP_UPLOAD_BODY_MAX},
	{"GET",    "/api/v1/operators/{id}/plans/{fy}/report.pdf",               h_plan_report_pdf,                 ROUTE_SIGNED, ACT_PROGRAMME_READ,    0},
	{"GET",    "/api/v1/operators/{id}/plans/{fy}/report.xlsx",              h_plan_report_xlsx,                ROUTE_SIGNED, ACT_PROGRAMME_READ,    0},
	{"GET",    "/api/v1/plan-uploads/{id}",                                  h_plan_upload_get,                 ROUTE_SIGNED, ACT_PROGRAMME_READ,    0},
	{"GET",    "/api/v1/plan-status",                                        h_plan_status,                     ROUTE_SIGNED, ACT_PROGRAMME_READ,    0},
	/* — 訪問診療導入研修 (issue 18 §2, seed 002 ②): programmes, advisors, trainees, matching, attendance, 認定証 (status under /certificates/{number}) */
	{"GET",    "/api/v1/trainings",                                          h_trainings_list,                  ROUTE_SIGNED, ACT_TRAINING_READ,     0},
	{"POST",   "/api/v1/trainings",                                          h_trainings_create,                ROUTE_SIGNED, ACT_TRAINING_WRITE,    0},
	{"GET",    "/api/v1/trainings/{id}",                                     h_training_get,                    ROUTE_SIGNED, ACT_TRAINING_READ,     0},
	{"PUT",    "/api/v1/trainings/{id}",                                     h_training_put,                    ROUTE_SIGNED, ACT_TRAINING_WRITE,    0},
	{"PUT",    "/api/v1/trainings/{id}/sessions/{step}",                     h_training_session_put,            ROUTE_SIGNED, ACT_TRAINING_WRITE,    0},
	{"POST",   "/api/v1/trainings/{id}/invitations",                         h_training_invite,                 ROUTE_SIGNED, ACT_TRAINING_WRITE,    0},
	{"POST",   "/api/v1/trainings/{id}/advisors",                            h_training_advisor_add,            ROUTE_SIGNED, ACT_TRAINING_WRITE,    0},
	{"POST",   "/api/v1/trainings/{id}/trainees",                            h_training_trainee_add,            ROUTE_SIGNED, ACT_TRAINING_WRITE,    0},
	{"PUT",    "/api/v1/trainings/{id}/trainees/{trainee_id}",               h_training_trainee_put,            ROUTE_SIGNED, ACT_TRAINING_WRITE,    0},
	{"GET",    "/api/v1/trainings/{id}/matching",                            h_training_match_get,              ROUTE_SIGNED, ACT_TRAINING_READ,     0},
	{"POST",   "/api/v1/trainings/{id}/matching",                            h_training_match_post,             ROUTE_SIGNED, ACT_TRAINING_WRITE,    0},
	{"PUT",    "/api/v1/trainings/{id}/trainees/{trainee_id}/attendance/{step}",h_training_attendance_put,         ROUTE_SIGNED, ACT_TRAINING_WRITE,    0},
	{"POST",   "/api/v1/trainings/{id}/trainees/{trainee_id}/visits",        h_training_visit_add,              ROUTE_SIGNED, ACT_TRAINING_WRITE,    0},
	{"POST",   "/api/v1/trainings/{id}/trainees/{trainee_id}/followups",     h_training_followup_add,           ROUTE_SIGNED, ACT_TRAINING_WRITE,    0},
	{"POST",   "/api/v1/trainings/{id}/trainees/{trainee_id}/certificate",   h_training_cert_issue,             ROUTE_SIGNED, ACT_TRAINING_WRITE,    0},
	{"GET",    "/api/v1/trainings/{id}/trainees/{trainee_id}/certificate.pdf",h_training_cert_pdf,               ROUTE_SIGNED, ACT_TRAINING_READ,     0},
};
const int routes_count = (int)(sizeof routes / sizeof routes[0]);

/* Matches path against pattern segment by segment; {x} matches one non-empty segment. */
static int match(const char *pattern, const char *path, struct http_request *req, char *scratch, size_t sz)
{
	size_t used = 0;
	int np = 0;
	while (*pattern && *path) {
		if (*pattern != '/' || *path != '/')
			return 0;
		pattern++;
		path++;
		const char *pe = strchrnul(pattern, '/'), *se = strchrnul(path, '/');
		size_t plen = (size_t)(pe - pattern), slen = (size_t)(se - path);
		if (plen >= 2 && pattern[0] == '{') {
			if (slen == 0 || np >= HTTP_MAX_PARAMS || used + slen + 1 > sz)
				return 0;
			memcpy(scratch + used, path, slen);
			scratch[used + slen] = '\0';
			req->params[np++] = scratch + used;
			used += slen + 1;
		} else if (plen != slen || memcmp(pattern, path, plen) != 0) {
			return 0;
		}
		pattern = pe;
		path = se;
	}
	if (*pattern || *path)
		return 0;
	req->nparams = np;
	return 1;
}

const struct route *routes_match(const char *method, const char *path, struct http_request *req,
				 char *scratch, size_t scratchsz, int *method_mismatch)
{
	*method_mismatch = 0;
	for (int i = 0; i < routes_count; i++) {
		if (!match(routes[i].pattern, path, req, scratch, scratchsz))
			continue;
		if (strcmp(routes[i].method, method) == 0)
			return &routes[i];
		*method_mismatch = 1;
	}
	return NULL;
}
