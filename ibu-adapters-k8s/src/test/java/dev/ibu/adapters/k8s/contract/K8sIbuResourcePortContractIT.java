package dev.ibu.adapters.k8s.contract;

import dev.ibu.adapters.k8s.AgentApi;
import dev.ibu.adapters.k8s.crd.ImageBasedUpgradeResource;
import dev.ibu.adapters.k8s.resource.IbuResourceAdapter;
import dev.ibu.domain.Stage;
import dev.ibu.ports.contract.IbuResourcePortContractTest;
import dev.ibu.ports.out.IbuResourcePort;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.junit.jupiter.api.AfterEach;

/** The shared IbuResourcePort contract: the adapter as the agent's ServiceAccount, the user as an administrator. */
class K8sIbuResourcePortContractIT extends IbuResourcePortContractTest {
    private AgentApi api;

    @Override
    protected Fixture newFixture() {
        api = AgentApi.start(getClass());
        IbuResourceAdapter adapter = new IbuResourceAdapter(api.agent());
        return new Fixture() {
            @Override
            public IbuResourcePort port() {
                return adapter;
            }

            @Override
            public void userPatchesSpecStage(Stage stage) {
                api.admin().resources(ImageBasedUpgradeResource.class).withName("upgrade").patch(
                        PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"stage\":\"" + stage.wireName() + "\"}}");
            }
        };
    }

    @AfterEach
    void closeApi() {
        api.close();
    }
}
