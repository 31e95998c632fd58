/**
 * The Kubernetes adapter: the driven ports that face the API server, on fabric8 8 with the JDK HTTP client.
 *
 * <ul>
 *   <li>{@code crd}: the {@code ImageBasedUpgrade} custom resource class over the codec's wire records
 *       ({@code dev.ibu.codec.wire}); the CRD is generated from them at build time
 *       ({@link dev.ibu.adapters.k8s.crd.GeneratedCrd}) and a test compares it with upstream field by field.</li>
 *   <li>{@code resource}: {@link dev.ibu.adapters.k8s.resource.IbuResourceAdapter} (uncached reads, status PUT with
 *       the resourceVersion read, annotations); the CR object is the one codec's JSON
 *       ({@link dev.ibu.adapters.k8s.resource.ResourceCodec}).</li>
 *   <li>{@code config}: ConfigMaps, the seed pull secret, cluster facts for the seed compatibility checks.</li>
 *   <li>{@code health}: the health checks of host-and-image.md section 6.</li>
 *   <li>{@code manifests}: extra manifests (validation with server-side dry runs, export, apply).</li>
 *   <li>{@code events}: Kubernetes Events on the resource.</li>
 * </ul>
 * Every adapter takes a {@code KubernetesClient}; expected failures come back as {@code PortFailure}, never thrown.
 */
package dev.ibu.adapters.k8s;
