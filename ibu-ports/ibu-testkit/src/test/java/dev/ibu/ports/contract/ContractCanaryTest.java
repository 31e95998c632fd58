package dev.ibu.ports.contract;

import dev.ibu.domain.ConfigMapRef;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.domain.Stage;
import dev.ibu.ports.out.BackupPort;
import dev.ibu.ports.out.ConfigMapData;
import dev.ibu.ports.out.ConfigMapPort;
import dev.ibu.ports.out.ExportBundle;
import dev.ibu.ports.out.HealthCheckSet;
import dev.ibu.ports.out.HostStatus;
import dev.ibu.ports.out.IbuResourcePort;
import dev.ibu.ports.out.JobState;
import dev.ibu.ports.out.ManifestValidation;
import dev.ibu.ports.out.PortFailure;
import dev.ibu.ports.out.PrecachePort;
import dev.ibu.ports.out.StateStorePort;
import dev.ibu.ports.out.StaterootPort;
import dev.ibu.ports.out.StaterootSetup;
import dev.ibu.ports.out.WorkProgress;
import dev.ibu.ports.out.AutoRollbackConfig;
import dev.ibu.ports.testkit.Faults;
import dev.ibu.ports.testkit.InMemoryCluster;
import dev.ibu.ports.testkit.InMemoryHost;
import dev.ibu.ports.testkit.TestWorld;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Canaries: each contract test below is run against a port with one deliberate bug, and must fail. If one of these
 * turns red, the contract test it names has stopped proving anything.
 */
class ContractCanaryTest {

    private static void mustFail(Runnable setUp, Runnable test) {
        assertThatThrownBy(() -> {
            setUp.run();
            test.run();
        }).isInstanceOf(AssertionError.class);
    }

    // ---- StaterootPort -------------------------------------------------------------------------------------------

    /** Delegates to an in-memory host; each mutant overrides one method with a bug. */
    static class HostDelegate implements StaterootPort {
        final TestWorld world = TestWorld.fresh();
        final InMemoryHost host = world.host();
        boolean restarted;

        public Either<PortFailure, HostStatus> status() {
            return host.status();
        }

        public Either<PortFailure, Void> startSetup(StaterootSetup setup) {
            return host.startSetup(setup);
        }

        public Either<PortFailure, JobState> setupState(String name) {
            return host.setupState(name);
        }

        public Either<PortFailure, Void> setDefault(String name) {
            return host.setDefault(name);
        }

        public Either<PortFailure, Void> remove(String name) {
            return host.remove(name);
        }
    }

    static StaterootPortContractTest staterootContract(HostDelegate mutant) {
        return new StaterootPortContractTest() {
            @Override
            protected Fixture newFixture() {
                return new Fixture() {
                    public StaterootPort port() {
                        return mutant;
                    }

                    public StaterootSetup setupThatSucceeds() {
                        return new StaterootSetup(mutant.world.newStateroot(), mutant.world.seed().version(),
                                mutant.world.seed().image(), Option.none(),
                                new AutoRollbackConfig(true, 1800, true, true));
                    }

                    public Option<StaterootSetup> setupThatFails() {
                        return Option.none();
                    }

                    public void advance() {
                        mutant.world.tick();
                    }

                    public StaterootPort restartAgent() {
                        mutant.world.restartAgent();
                        mutant.restarted = true;
                        return mutant;
                    }

                    public io.vavr.collection.Set<String> staterootDirectories() {
                        return mutant.host.staterootNames().toSet();
                    }
                };
            }
        };
    }

    @Test
    void a_remove_that_accepts_the_booted_stateroot_is_caught() {
        StaterootPortContractTest t = staterootContract(new HostDelegate() {
            @Override
            public Either<PortFailure, Void> remove(String name) {
                return Either.right(null);
            }
        });
        mustFail(t::setUpFixture, t::remove_refuses_the_booted_stateroot_and_names_it);
    }

    @Test
    void a_setup_that_restarts_after_success_is_caught() {
        StaterootPortContractTest t = staterootContract(new HostDelegate() {
            @Override
            public Either<PortFailure, Void> startSetup(StaterootSetup setup) {
                host.remove(setup.staterootName());
                return host.startSetup(setup);
            }
        });
        mustFail(t::setUpFixture, t::starting_setup_again_after_success_is_a_no_op);
    }

    @Test
    void a_setup_that_reads_as_interrupted_after_an_agent_restart_is_caught() {
        StaterootPortContractTest t = staterootContract(new HostDelegate() {
            @Override
            public Either<PortFailure, JobState> setupState(String name) {
                return host.setupState(name).map(s -> restarted && s instanceof JobState.Running
                        ? new JobState.Failed("stateroot setup was interrupted before it finished (the agent stopped)")
                        : s);
            }
        });
        mustFail(t::setUpFixture, t::a_setup_survives_an_agent_restart_while_it_runs);
    }

    @Test
    void a_setup_that_is_redone_after_success_on_a_new_agent_is_caught() {
        StaterootPortContractTest t = staterootContract(new HostDelegate() {
            @Override
            public Either<PortFailure, Void> startSetup(StaterootSetup setup) {
                if (restarted) {
                    host.remove(setup.staterootName());
                }
                return host.startSetup(setup);
            }
        });
        mustFail(t::setUpFixture, t::a_succeeded_setup_stays_succeeded_across_a_restart_and_is_not_redone);
    }

    // ---- PrecachePort --------------------------------------------------------------------------------------------

    @Test
    void a_precache_that_starts_over_on_a_new_agent_is_caught() {
        InMemoryHost host = new InMemoryHost().addStateroot("rhcos_4.15.2");
        List<String> images = List.of("registry.example.com/app:1", "registry.example.com/app:2");
        PrecachePortContractTest t = new PrecachePortContractTest() {
            @Override
            protected Fixture newFixture() {
                return new Fixture() {
                    public PrecachePort port() {
                        return host.precache();
                    }

                    public String stateroot() {
                        return "rhcos_4.15.2";
                    }

                    public List<String> extraImages() {
                        return images;
                    }

                    public void advance() {
                        host.tick();
                    }

                    public PrecachePort restartAgent() {
                        // the mutant: a new agent forgets the job and pulls everything again
                        host.agentRestarted().precache().cleanup();
                        host.precache().start("rhcos_4.15.2", images, Option.none());
                        return host.precache();
                    }

                    public boolean stored(String image) {
                        return host.precache().storedImages().contains(image);
                    }

                    public int pulls(String image) {
                        return host.precache().pulls(image);
                    }

                    public Option<String> imageThatFails() {
                        return Option.none();
                    }
                };
            }
        };
        mustFail(t::setUpFixture, t::a_precache_survives_an_agent_restart_after_its_first_pull_and_pulls_only_what_is_missing);
    }

    @Test
    void a_precache_that_fails_on_a_manifest_list_without_the_nodes_architecture_is_caught() {
        String foreign = "registry.example.com/arm-only:1";
        InMemoryHost host = new InMemoryHost().addStateroot("rhcos_4.15.2");
        host.precache().failImages(foreign); // the mutant: it pulls the list and fails, as podman does (exit 125)
        PrecachePortContractTest t = new PrecachePortContractTest() {
            @Override
            protected Fixture newFixture() {
                return new Fixture() {
                    public PrecachePort port() {
                        return host.precache();
                    }

                    public String stateroot() {
                        return "rhcos_4.15.2";
                    }

                    public List<String> extraImages() {
                        return List.of("registry.example.com/app:1");
                    }

                    public void advance() {
                        host.tick();
                    }

                    public PrecachePort restartAgent() {
                        return host.agentRestarted().precache();
                    }

                    public boolean stored(String image) {
                        return host.precache().storedImages().contains(image);
                    }

                    public int pulls(String image) {
                        return host.precache().pulls(image);
                    }

                    public Option<String> imageThatFails() {
                        return Option.none();
                    }

                    public Option<String> imageWithoutNodeArchitecture() {
                        return Option.some(foreign);
                    }
                };
            }
        };
        mustFail(t::setUpFixture, t::an_image_without_the_nodes_architecture_is_skipped_and_counted_not_failed);
    }

    // ---- SeedImagePort -------------------------------------------------------------------------------------------

    @Test
    void a_seed_port_that_does_not_read_the_architecture_is_caught() {
        dev.ibu.ports.testkit.InMemoryRegistry registry = new dev.ibu.ports.testkit.InMemoryRegistry(
                new dev.ibu.ports.testkit.Faults()).push(dev.ibu.ports.testkit.Seed.of("quay.io/x/seed:4.15.2", "4.15.2"));
        // the mutant: labels only, as skopeo inspect without the config's architecture
        dev.ibu.ports.out.SeedImagePort blind = new dev.ibu.ports.out.SeedImagePort() {
            public io.vavr.control.Either<dev.ibu.ports.out.PortFailure, dev.ibu.ports.out.SeedImageInfo> inspect(
                    String image, Option<dev.ibu.ports.out.PullSecret> secret) {
                return registry.inspect(image, secret).map(i -> i.withArchitectures(List.empty()));
            }

            public io.vavr.control.Either<dev.ibu.ports.out.PortFailure, String> nodeArchitecture() {
                return registry.nodeArchitecture();
            }
        };
        SeedImagePortContractTest t = new SeedImagePortContractTest() {
            @Override
            protected Fixture newFixture() {
                return new Fixture() {
                    public dev.ibu.ports.out.SeedImagePort port() {
                        return blind;
                    }

                    public String publicSeed() {
                        return "quay.io/x/seed:4.15.2";
                    }

                    public String publicSeedVersion() {
                        return "4.15.2";
                    }

                    public List<String> publicSeedArchitectures() {
                        return List.of("amd64");
                    }

                    public String absentImage() {
                        return "quay.io/x/absent:1";
                    }

                    public Option<io.vavr.Tuple2<String, dev.ibu.ports.out.PullSecret>> privateSeed() {
                        return Option.none();
                    }
                };
            }
        };
        mustFail(t::setUpFixture, t::a_seed_shows_the_architectures_it_is_built_for_and_the_node_is_one_of_them);
    }

    // ---- IbuResourcePort -----------------------------------------------------------------------------------------

    @Test
    void a_status_write_that_ignores_the_resource_version_is_caught() {
        InMemoryCluster cluster = new InMemoryCluster(new Faults());
        IbuResourcePort lastWriteWins = new IbuResourcePort() {
            public Either<PortFailure, Option<ImageBasedUpgrade>> read() {
                return cluster.read();
            }

            public Either<PortFailure, ImageBasedUpgrade> create(ImageBasedUpgrade ibu) {
                return cluster.create(ibu);
            }

            public Either<PortFailure, Void> delete() {
                return cluster.delete();
            }

            public Either<PortFailure, ImageBasedUpgrade> writeStatus(ImageBasedUpgrade ibu) {
                String latest = cluster.currentIbu().metadata().resourceVersion();
                return cluster.writeStatus(ibu.withMetadata(ibu.metadata().withResourceVersion(latest)));
            }

            public Either<PortFailure, ImageBasedUpgrade> setAnnotation(String key, Option<String> value) {
                return cluster.setAnnotation(key, value);
            }
        };
        IbuResourcePortContractTest t = new IbuResourcePortContractTest() {
            @Override
            protected Fixture newFixture() {
                return new Fixture() {
                    public IbuResourcePort port() {
                        return lastWriteWins;
                    }

                    public void userPatchesSpecStage(Stage stage) {
                        cluster.patchSpecStage(stage);
                    }
                };
            }
        };
        mustFail(t::setUpFixture, t::write_status_with_a_stale_resource_version_is_a_conflict_and_changes_nothing);
    }

    // ---- StateStorePort ------------------------------------------------------------------------------------------

    static class StoreDelegate implements StateStorePort {
        final InMemoryHost host = new InMemoryHost().addStateroot("rhcos_4.15.2");

        public Either<PortFailure, Void> saveIbu(String sr, ImageBasedUpgrade ibu) {
            return host.saveIbu(sr, ibu);
        }

        public Either<PortFailure, Option<ImageBasedUpgrade>> loadIbu(String sr) {
            return host.loadIbu(sr);
        }

        public Either<PortFailure, Void> deleteIbu(String sr) {
            return host.deleteIbu(sr);
        }

        public Either<PortFailure, Void> saveBundle(String sr, String name, ExportBundle bundle) {
            return host.saveBundle(sr, name, bundle);
        }

        public Either<PortFailure, Option<ExportBundle>> loadBundle(String sr, String name) {
            return host.loadBundle(sr, name);
        }

        public Either<PortFailure, Void> deleteBundles(String sr) {
            return host.deleteBundles(sr);
        }
    }

    static StateStorePortContractTest storeContract(StoreDelegate mutant) {
        return new StateStorePortContractTest() {
            @Override
            protected Fixture newFixture() {
                return new Fixture() {
                    public StateStorePort port() {
                        return mutant;
                    }

                    public String stateroot() {
                        return InMemoryHost.DEFAULT_BOOTED;
                    }

                    public String otherStateroot() {
                        return "rhcos_4.15.2";
                    }
                };
            }
        };
    }

    @Test
    void a_store_that_loses_the_status_history_is_caught() {
        StateStorePortContractTest t = storeContract(new StoreDelegate() {
            @Override
            public Either<PortFailure, Void> saveIbu(String sr, ImageBasedUpgrade ibu) {
                return host.saveIbu(sr, ibu.withStatus(ibu.status().withHistory(List.empty())));
            }
        });
        mustFail(t::setUpFixture, t::load_after_save_returns_an_equal_ibu);
    }

    @Test
    void a_bundle_cleanup_that_deletes_the_saved_ibu_is_caught() {
        StateStorePortContractTest t = storeContract(new StoreDelegate() {
            @Override
            public Either<PortFailure, Void> deleteBundles(String sr) {
                host.deleteIbu(sr);
                return host.deleteBundles(sr);
            }
        });
        mustFail(t::setUpFixture, t::delete_bundles_removes_every_bundle_but_not_the_saved_ibu);
    }

    // ---- BackupPort, ConfigMapPort, ClusterHealthPort ------------------------------------------------------------

    @Test
    void a_backup_that_never_reports_failures_is_caught() {
        TestWorld world = TestWorld.fresh();
        BackupPort optimist = new BackupPort() {
            public Either<PortFailure, ManifestValidation> validate(List<ConfigMapRef> c) {
                return world.velero().validate(c);
            }

            public Either<PortFailure, WorkProgress> backup(List<ConfigMapRef> c) {
                return Either.right(new WorkProgress.Done());
            }

            public Either<PortFailure, ExportBundle> export(List<ConfigMapRef> c) {
                return world.velero().export(c);
            }

            public Either<PortFailure, WorkProgress> restore(ExportBundle e) {
                return world.velero().restore(e);
            }

            public Either<PortFailure, Void> cleanup() {
                return world.velero().cleanup();
            }
        };
        BackupPortContractTest t = new BackupPortContractTest() {
            @Override
            protected Fixture newFixture() {
                return new Fixture() {
                    public BackupPort port() {
                        return optimist;
                    }

                    public void putConfigMap(ConfigMapRef ref, Map<String, String> data) {
                        world.cluster().putConfigMap(ref, data);
                    }

                    public void advance() {
                        world.tick();
                    }

                    public void failBackup(String name) {
                        world.velero().failBackup(name);
                    }
                };
            }
        };
        mustFail(t::setUpFixture, t::a_failed_backup_is_terminal_and_named);
    }

    @Test
    void a_config_map_read_that_does_not_deduplicate_is_caught() {
        InMemoryCluster cluster = new InMemoryCluster(new Faults());
        ConfigMapPort noDedupe = refs -> refs.foldLeft(Either.<PortFailure, List<ConfigMapData>>right(List.empty()),
                (acc, ref) -> acc.flatMap(l -> cluster.read(List.of(ref)).map(l::appendAll)));
        ConfigMapPortContractTest t = new ConfigMapPortContractTest() {
            @Override
            protected Fixture newFixture() {
                return new Fixture() {
                    public ConfigMapPort port() {
                        return noDedupe;
                    }

                    public void putConfigMap(ConfigMapRef ref, Map<String, String> data) {
                        cluster.putConfigMap(ref, data);
                    }
                };
            }
        };
        mustFail(t::setUpFixture, t::reads_each_distinct_config_map_once_in_the_order_first_named);
    }

    @Test
    void a_full_health_check_that_skips_the_mandatory_set_is_caught() {
        InMemoryCluster cluster = new InMemoryCluster(new Faults());
        ClusterHealthPortContractTest t = new ClusterHealthPortContractTest() {
            @Override
            protected Fixture newFixture() {
                return new Fixture() {
                    public dev.ibu.ports.out.ClusterHealthPort port() {
                        return set -> cluster.check(set == HealthCheckSet.FULL ? HealthCheckSet.DEFERRED : set);
                    }

                    public void breakMandatory() {
                        cluster.setHealth(HealthCheckSet.MANDATORY, "co degraded");
                    }

                    public void breakDeferred() {
                        cluster.setHealth(HealthCheckSet.DEFERRED, "csv pending");
                    }
                };
            }
        };
        mustFail(t::setUpFixture, t::a_mandatory_failure_fails_mandatory_and_full_but_not_deferred);
    }

}
