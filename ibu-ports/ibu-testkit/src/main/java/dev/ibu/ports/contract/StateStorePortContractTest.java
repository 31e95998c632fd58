package dev.ibu.ports.contract;

import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.ports.out.ExportBundle;
import dev.ibu.ports.out.StateStorePort;
import io.vavr.collection.LinkedHashMap;
import io.vavr.control.Option;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link StateStorePort} does: what is saved in a stateroot loads back equal, and only there. */
public abstract class StateStorePortContractTest {

    /** Fresh for each test: two existing stateroots with nothing saved in them. */
    public interface Fixture {
        StateStorePort port();

        String stateroot();

        String otherStateroot();
    }

    protected abstract Fixture newFixture();

    private StateStorePort port;
    private String sr;
    private String other;

    @BeforeEach
    void setUpFixture() {
        Fixture f = newFixture();
        port = f.port();
        sr = f.stateroot();
        other = f.otherStateroot();
    }

    private static ExportBundle bundle(String... nameAndText) {
        LinkedHashMap<String, String> files = LinkedHashMap.empty();
        for (int i = 0; i < nameAndText.length; i += 2) {
            files = files.put(nameAndText[i], nameAndText[i + 1]);
        }
        return new ExportBundle(files);
    }

    @Test
    void nothing_saved_loads_as_none() {
        assertThat(port.loadIbu(sr).get()).isEqualTo(Option.none());
        assertThat(port.loadBundle(sr, "oadp").get()).isEqualTo(Option.none());
    }

    @Test
    void load_after_save_returns_an_equal_ibu() {
        ImageBasedUpgrade ibu = Samples.upgradingIbu();

        assertThat(port.saveIbu(sr, ibu).isRight()).isTrue();

        assertThat(port.loadIbu(sr).get()).isEqualTo(Option.some(ibu));
    }

    @Test
    void a_fresh_ibu_without_status_round_trips() {
        ImageBasedUpgrade fresh = ImageBasedUpgrade.fresh();
        port.saveIbu(sr, fresh);

        assertThat(port.loadIbu(sr).get()).isEqualTo(Option.some(fresh));
    }

    @Test
    void save_replaces_the_previous_ibu() {
        ImageBasedUpgrade first = Samples.upgradingIbu();
        ImageBasedUpgrade second = ImageBasedUpgrade.fresh();
        port.saveIbu(sr, first);

        port.saveIbu(sr, second);

        assertThat(port.loadIbu(sr).get()).isEqualTo(Option.some(second));
    }

    @Test
    void saved_state_belongs_to_its_stateroot() {
        port.saveIbu(sr, Samples.upgradingIbu());
        port.saveBundle(sr, "oadp", bundle("1/1_restore_ns.yaml", "kind: Restore\n"));

        assertThat(port.loadIbu(other).get()).isEqualTo(Option.none());
        assertThat(port.loadBundle(other, "oadp").get()).isEqualTo(Option.none());
    }

    @Test
    void delete_ibu_then_load_is_none() {
        port.saveIbu(sr, Samples.upgradingIbu());

        assertThat(port.deleteIbu(sr).isRight()).isTrue();

        assertThat(port.loadIbu(sr).get()).isEqualTo(Option.none());
    }

    @Test
    void deleting_an_absent_ibu_succeeds() {
        assertThat(port.deleteIbu(sr).isRight()).isTrue();
    }

    @Test
    void a_bundle_loads_back_equal_by_name() {
        ExportBundle oadp = bundle("1/1_restore-apps_openshift-adp.yaml", "kind: Restore\nmetadata:\n  name: a\n",
                "2/1_restore-db_openshift-adp.yaml", "kind: Restore\n");
        ExportBundle manifests = bundle("1/1_ConfigMap_x_ns.yaml", "kind: ConfigMap\n");

        port.saveBundle(sr, "oadp", oadp);
        port.saveBundle(sr, "extra-manifests", manifests);

        assertThat(port.loadBundle(sr, "oadp").get()).isEqualTo(Option.some(oadp));
        assertThat(port.loadBundle(sr, "extra-manifests").get()).isEqualTo(Option.some(manifests));
    }

    @Test
    void an_empty_bundle_round_trips() {
        port.saveBundle(sr, "oadp", ExportBundle.EMPTY);

        assertThat(port.loadBundle(sr, "oadp").get().map(ExportBundle::isEmpty)).isEqualTo(Option.some(true));
    }

    @Test
    void saving_a_bundle_again_replaces_it() {
        port.saveBundle(sr, "oadp", bundle("1/a.yaml", "a"));
        ExportBundle second = bundle("1/b.yaml", "b");

        port.saveBundle(sr, "oadp", second);

        assertThat(port.loadBundle(sr, "oadp").get()).isEqualTo(Option.some(second));
    }

    @Test
    void delete_bundles_removes_every_bundle_but_not_the_saved_ibu() {
        ImageBasedUpgrade ibu = Samples.upgradingIbu();
        port.saveIbu(sr, ibu);
        port.saveBundle(sr, "oadp", bundle("1/a.yaml", "a"));
        port.saveBundle(sr, "extra-manifests", bundle("1/b.yaml", "b"));

        assertThat(port.deleteBundles(sr).isRight()).isTrue();

        assertThat(port.loadBundle(sr, "oadp").get()).isEqualTo(Option.none());
        assertThat(port.loadBundle(sr, "extra-manifests").get()).isEqualTo(Option.none());
        assertThat(port.loadIbu(sr).get()).isEqualTo(Option.some(ibu));
    }

    @Test
    void deleting_bundles_when_there_are_none_succeeds() {
        assertThat(port.deleteBundles(sr).isRight()).isTrue();
    }
}
