package dev.ibu.adapters.host.precache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The §5.1 ordering and batching rules, against a store whose "usage" is 10% per image. */
class StorageCleanupTest {

    static final class CountingStore implements ImageStore {
        final List<StoredImage> images = new ArrayList<>();
        final List<String> removed = new ArrayList<>();

        @Override
        public void pull(String ref, Optional<Path> authFile) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean exists(String ref) {
            return images.stream().anyMatch(i -> i.names().contains(ref));
        }

        @Override
        public Optional<List<String>> manifestListArchitectures(String ref, Optional<Path> authFile) {
            return Optional.empty();
        }

        @Override
        public List<StoredImage> list() {
            return List.copyOf(images);
        }

        @Override
        public void remove(StoredImage image) {
            images.remove(image);
            removed.add(image.id());
        }

        @Override
        public Path storageDir() {
            return Path.of("/nonexistent");
        }

        int used() {
            return images.size() * 10;
        }
    }

    private static ImageStore.StoredImage img(String id, int day, String... names) {
        return new ImageStore.StoredImage(id, List.of(names), Instant.parse("2026-01-01T00:00:00Z").plusSeconds(day * 86400L));
    }

    @Test
    void nothing_happens_at_or_under_the_threshold() {
        CountingStore s = new CountingStore();
        s.images.addAll(List.of(img("a", 1, "x:1"), img("b", 2, "x:2"), img("c", 3, "x:3"), img("d", 4, "x:4"), img("e", 5, "x:5")));
        StorageCleanup.Result r = StorageCleanup.run(s, 50, Set.of(), s::used);
        assertThat(r.removed()).isEmpty();
        assertThat(r.underThreshold()).isTrue();
    }

    @Test
    void dangling_first_then_oldest_in_batches_of_five_sparing_images_in_use() {
        CountingStore s = new CountingStore();
        s.images.addAll(List.of(img("new", 9, "app:9"), img("old", 1, "app:1"), img("used", 0, "app:used"),
            img("d1", 5), img("mid", 4, "app:4"), img("d2", 7), img("o2", 2, "app:2"), img("o3", 3, "app:3")));
        // 8 images = 80% > 50%: one batch of 5 takes it to 30% and stops
        StorageCleanup.Result r = StorageCleanup.run(s, 50, Set.of("app:used"), s::used);
        assertThat(s.removed).containsExactly("d1", "d2", "old", "o2", "o3");
        assertThat(r.usedBefore()).isEqualTo(80);
        assertThat(r.usedAfter()).isEqualTo(30);
        assertThat(s.images).extracting(ImageStore.StoredImage::id).containsExactly("new", "used", "mid");
    }

    @Test
    void runs_out_of_candidates_and_reports_it() {
        CountingStore s = new CountingStore();
        s.images.addAll(List.of(img("u1", 1, "keep:1"), img("u2", 2, "keep:2"), img("u3", 3, "keep:3"), img("x", 4, "x:1"),
            img("u4", 5, "keep:4"), img("u5", 6, "keep:5")));
        StorageCleanup.Result r = StorageCleanup.run(s, 20, Set.of("keep:1", "keep:2", "keep:3", "u4", "keep:5"), s::used);
        assertThat(s.removed).containsExactly("x");
        assertThat(r.underThreshold()).isFalse();
    }

    @Test
    void an_image_is_kept_by_its_id_with_or_without_sha256_its_tag_or_its_repo_digest() {
        String id1 = "1".repeat(64);
        String id2 = "2".repeat(64);
        CountingStore s = new CountingStore();
        s.images.addAll(List.of(new ImageStore.StoredImage(id1, List.of("r/a:1"), Instant.EPOCH),
            new ImageStore.StoredImage(id2, List.of("r/b:1"), Instant.EPOCH, List.of("r/b@sha256:" + "b".repeat(64))),
            new ImageStore.StoredImage("3".repeat(64), List.of("r/c:1"), Instant.EPOCH),
            img("x", 1, "r/x:1")));
        // crictl may name an image "sha256:<id>" (containerd) or by its repo digest (CRI-O's image.image)
        StorageCleanup.run(s, -1, Set.of("sha256:" + id1, "r/b@sha256:" + "b".repeat(64), "r/c:1"), s::used);
        assertThat(s.removed).containsExactly("x");
    }
}
