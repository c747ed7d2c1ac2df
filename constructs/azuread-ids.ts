/**
 * The Microsoft Graph resource ids the azuread provider (hashicorp/azuread 3.7.0, the version
 * @cdktf/provider-azuread 14.3.1 pins) expects in arguments that are not bare object ids. Paths are
 * in github.com/hashicorp/terraform-provider-azuread at tag v3.7.0; the id types live in its vendored
 * go-azure-sdk, `vendor/github.com/hashicorp/go-azure-sdk/microsoft-graph/common-types/stable/` (`SDK/`
 * below). Each parser is case-sensitive (`parser.Parse(input, false)`) and needs every segment:
 * a bare object id has too few segments and fails at plan.
 *
 * __tests__/synth/azuread-provider-rules.test.ts re-checks every emitted argument against these rules.
 */

/**
 * `application_id` of `azuread_application_app_role`: `/applications/<objectId>`.
 * Validated by `stable.ValidateApplicationID` (internal/services/applications/application_app_role_resource.go:57),
 * format `SDK/id_application.go:87` (`"/applications/%s"`).
 */
export function applicationResourceId(applicationObjectId: string): string {
  return `/applications/${applicationObjectId}`;
}

/**
 * `service_principal_id` of `azuread_synchronization_job_provision_on_demand`: `/servicePrincipals/<objectId>`.
 * Validated by `stable.ValidateServicePrincipalID`
 * (internal/services/synchronization/synchronization_job_provision_on_demand_resource.go:42),
 * format `SDK/id_serviceprincipal.go:87` (`"/servicePrincipals/%s"`). A bare object id was accepted
 * only by 3.0.0.
 */
export function servicePrincipalResourceId(servicePrincipalObjectId: string): string {
  return `/servicePrincipals/${servicePrincipalObjectId}`;
}

/**
 * `synchronization_job_id` of `azuread_synchronization_job_provision_on_demand`:
 * `/servicePrincipals/<objectId>/synchronization/jobs/<jobId>`. Validated by
 * `stable.ValidateServicePrincipalIdSynchronizationJobID` (same resource file, line 50), format
 * `SDK/id_serviceprincipalidsynchronizationjob.go:93`.
 */
export function synchronizationJobResourceId(servicePrincipalObjectId: string, jobId: string): string {
  return `${servicePrincipalResourceId(servicePrincipalObjectId)}/synchronization/jobs/${jobId}`;
}
