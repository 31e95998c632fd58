/**
 * A strict embedded Kubernetes API server for tests and the local rehearsal ({@link dev.ibu.apiserver.ApiServer}).
 *
 * <h2>What it does like a real kube-apiserver (v1.32)</h2>
 * <ul>
 *   <li>Storage: uid, one global resourceVersion counter, creationTimestamp, generation (custom resources and CRDs:
 *       bumped on changes outside metadata, and outside status when status is a subresource), deletionTimestamp with
 *       finalizers (202 until the last one goes; no new finalizers on a deleted object), namespaced and cluster paths,
 *       NotFound for a create in a missing namespace, 409 AlreadyExists, 409 Conflict on a stale resourceVersion for
 *       PUT, PUT /status and patch, 422 for a custom-resource update without resourceVersion, no-op writes store
 *       nothing.</li>
 *   <li>Status subresource: main-resource writes keep the stored status, status writes change only status.</li>
 *   <li>Patches: RFC 7386 merge patch (arrays replaced), RFC 6902 JSON patch, strategic merge patch for the built-in
 *       kinds (merge keys for the common lists, {@code $patch}); 415 for anything else.</li>
 *   <li>{@code dryRun=All} admitted and never persisted; {@code fieldValidation} Strict/Warn/Ignore for custom
 *       resources; label and field selectors; limit/continue paging.</li>
 *   <li>Admission from the CRD: structural pruning, defaults, OpenAPI v3 validation (networknt) and
 *       {@code x-kubernetes-validations} (Google's CEL for Java; transition rules only on update with an old value),
 *       in apiextensions-apiserver's words and order, with the "some validation rules were not checked" note.</li>
 *   <li>Bearer-token identities and Kubernetes RBAC (Roles, ClusterRoles and bindings stored in the server), 403 and
 *       401 in the API server's words; {@code system:masters} is allowed everything. SelfSubjectAccessReview
 *       ({@code kubectl auth can-i}), and TokenReview and SubjectAccessReview (with nonResourceAttributes) for callers
 *       allowed to create them.</li>
 *   <li>Test hooks: an audit listener sees every resource request with RBAC's decision ({@link dev.ibu.apiserver.AuditEvent},
 *       {@link dev.ibu.apiserver.RequestLog}); injected faults answer matching requests after authorization
 *       ({@link dev.ibu.apiserver.Fault}). {@link dev.ibu.apiserver.AgentCluster} and {@link dev.ibu.apiserver.ClusterCrds}
 *       set up the agent's cluster.</li>
 *   <li>Chunked HTTP watch (kubectl, fabric8 with onlyHttpWatches or after its WebSocket-to-HTTP fallback), resume
 *       from a resourceVersion, 410 Expired after {@code compactHistory()}, bookmarks when allowed, objects leaving a
 *       selector sent as DELETED.</li>
 *   <li>Discovery (/api, /apis, group and group-version lists with verbs, shortNames, categories) whatever the query
 *       string; /version; OpenAPI v3 for {@code kubectl explain}; Tables from a CRD's additionalPrinterColumns in its
 *       order (Name and Age otherwise); https with a self-signed certificate (the default; kubectl sends tokens only
 *       over TLS); port 0; loopback only.</li>
 * </ul>
 *
 * <h2>What it does NOT do (yet)</h2>
 * <ul>
 *   <li>No protobuf (415; the one exception is kubectl's SelfSubjectAccessReview), no server-side apply ({@code application/apply-patch+yaml} is 415, so
 *       {@code kubectl apply --server-side} fails), no managedFields, no WebSocket/SPDY (no exec, attach,
 *       port-forward, logs), no aggregated discovery (kubectl falls back), no OpenAPI v2.</li>
 *   <li>Built-in kinds are schemaless: only names, string maps (labels, annotations, ConfigMap/Secret data) and
 *       Secret base64 are checked; no defaulting beyond Secret type/stringData and Namespace phase; no unknown-field
 *       detection for them; their subresources other than status (scale, log, eviction...) are 404.</li>
 *   <li>No controllers: no garbage collection of ownerReferences, no ServiceAccount tokens or default
 *       ServiceAccounts, no pod scheduling, Service IPs, PV binding, Deployment rollout; deleting a Namespace removes
 *       its contents at once (no Terminating phase, finalizers of its contents ignored); deleting a CRD removes its
 *       objects at once.</li>
 *   <li>core/v1 and events.k8s.io/v1 Events are stored apart (a real server serves one store in both shapes).</li>
 *   <li>CRDs: no conversion webhooks (all versions share storage, strategy None), no ratcheting of unchanged invalid
 *       fields, CEL sees JSON types (no typed declarations from the schema: compile errors for type mismatches surface
 *       only when evaluated), no cost budget, no Kubernetes CEL libraries beyond strings, sets and lists
 *       (no quantity, url, ip, cidr, authz, format), no x-kubernetes-list-type map/set checks, oldSelf correlated
 *       through object fields only (not through list items), no {@code selectableFields}.</li>
 *   <li>RBAC: no ClusterRole aggregation, nonResourceURLs rules only in SubjectAccessReviews (discovery, /version,
 *       /openapi and health are open to everyone), no impersonation, no admission webhooks, no
 *       ValidatingAdmissionPolicy; a request for a resource the server does not serve is 404 before authorization (a
 *       real server authorizes first, so a caller without the rule gets 403).</li>
 *   <li>Watches: no watch-list streaming ({@code sendInitialEvents}), no {@code resourceVersionMatch}; a list
 *       ignores {@code resourceVersion} (always the latest).</li>
 * </ul>
 */
package dev.ibu.apiserver;
