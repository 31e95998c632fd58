package dev.ibu.adapters.oadp;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class PhaseBucketTest {
    @ParameterizedTest
    @CsvSource(value = {"Completed,SUCCEEDED", "Failed,FAILED", "PartiallyFailed,FAILED", "FailedValidation,FAILED",
            "'',PENDING", "New,PROGRESSING", "InProgress,PROGRESSING", "WaitingForPluginOperations,PROGRESSING",
            "Finalizing,PROGRESSING", "Deleting,PROGRESSING", "SomethingNew,PROGRESSING", "failed,PROGRESSING"})
    void velero_phases_fall_in_upstream_buckets(String phase, PhaseBucket bucket) {
        assertThat(PhaseBucket.of(phase)).isEqualTo(bucket);
    }
}
