package dev.ibu.kubectl;

import dev.ibu.domain.Condition;
import dev.ibu.domain.ConditionTypes;
import dev.ibu.domain.ImageBasedUpgrade;
import dev.ibu.domain.Stage;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;

/** Everything {@code kubectl ibu status} shows, derived from one IBU at one instant; rendered as text or JSON. */
record StatusView(
        String name,
        String specStage,
        String seedImage,
        String seedVersion,
        Instant now,
        List<TimelineRow> timeline,
        Option<Duration> rebootTime,
        Option<Condition> condition,
        Option<PrecacheProgress> precache,
        Option<DataProtection> dataProtection,
        Option<Instant> rollbackExpiration,
        List<String> validNextStages) {

    static StatusView of(ImageBasedUpgrade ibu, Instant now) {
        var status = ibu.status();
        var conditions = status.conditions();
        Stage stage = ibu.spec().stage();
        Option<Condition> current = CurrentCondition.of(stage, conditions);
        Option<PrecacheProgress> precache = conditions.find(ConditionTypes.PREP_IN_PROGRESS)
                .filter(Condition::isTrue)
                .flatMap(c -> PrecacheProgress.parse(c.message()));
        Option<DataProtection> oadp = conditions.find(ConditionTypes.UPGRADE_IN_PROGRESS)
                .flatMap(c -> DataProtection.parse(c.message()))
                .orElse(() -> current.flatMap(c -> DataProtection.parse(c.message())));
        return new StatusView(ibu.metadata().name(), stage.wireName(), ibu.spec().seedImageRef().image(),
                ibu.spec().seedImageRef().version(), now, Timeline.rows(status.history()),
                Timeline.rebootTime(status.history()), current, precache, oadp,
                status.rollbackAvailabilityExpiration(), status.validNextStages().map(Stage::wireName));
    }

    /** Time left to roll back without manual certificate recovery; negative once expired. */
    Option<Duration> rollbackLeft() {
        return rollbackExpiration.map(e -> Duration.between(now, e));
    }
}
