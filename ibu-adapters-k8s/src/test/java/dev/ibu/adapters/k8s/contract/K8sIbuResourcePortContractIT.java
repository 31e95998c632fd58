package dev.ibu.adapters.k8s.contract;

import dev.ibu.adapters.k8s.StrictMockApi;
import dev.ibu.adapters.k8s.crd.ImageBasedUpgradeResource;
import dev.ibu.adapters.k8s.resource.IbuResourceAdapter;
import dev.ibu.domain.Stage;
import dev.ibu.ports.contract.IbuResourcePortContractTest;
import dev.ibu.ports.out.IbuResourcePort;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.junit.jupiter.api.AfterEach;

/** The shared IbuResourcePort contract against the adapter on the mock API server (with {@code ApiServerRules}). */
class K8sIbuResourcePortContractIT extends IbuResourcePortContractTest {
    private StrictMockApi api;

    @Override
    protected Fixture newFixture() {
        api = new StrictMockApi();
        IbuResourceAdapter adapter = new IbuResourceAdapter(api.client());
        return new Fixture() {
            @Override
            public IbuResourcePort port() {
                return adapter;
            }

            @Override
            public void userPatchesSpecStage(Stage stage) {
                api.client().resources(ImageBasedUpgradeResource.class).withName("upgrade").patch(
                        PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"stage\":\"" + stage.wireName() + "\"}}");
            }
        };
    }

    @AfterEach
    void closeApi() {
        api.close();
    }
}
