package dev.realtimelessons.lesson03;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.realtimelessons.kit.testing.steps.Step2;
import dev.realtimelessons.lesson02.Connection;

@Step2
@DisplayName("Step 2: a room's members and who is present")
class RoomTest {

    private final Room room = new Room("lobby", 10);
    private final Connection adaTab1 = new Connection("c1", "ada", null);
    private final Connection adaTab2 = new Connection("c2", "ada", null);
    private final Connection bob = new Connection("c3", "bob", null);

    @Test
    @DisplayName("a user with two tabs is present once, from the first tab in until the last tab out")
    void countsAUserOnce() {
        assertThat(room.add(adaTab1)).as("ada's first tab: ada arrives").isTrue();
        assertThat(room.add(adaTab2)).as("ada's second tab: no news").isFalse();
        assertThat(room.add(bob)).isTrue();
        assertThat(room.users()).containsExactly("ada", "bob");
        assertThat(room.members()).containsExactlyInAnyOrder(adaTab1, adaTab2, bob);

        assertThat(room.remove(adaTab1)).as("ada still has a tab here").isFalse();
        assertThat(room.users()).containsExactly("ada", "bob");
        assertThat(room.remove(adaTab2)).as("ada's last tab: ada leaves").isTrue();
        assertThat(room.users()).containsExactly("bob");
    }

    @Test
    @DisplayName("adding a member twice or removing a stranger changes nothing")
    void isIdempotent() {
        room.add(bob);

        assertThat(room.add(bob)).isFalse();
        assertThat(room.remove(adaTab1)).isFalse();
        assertThat(room.members()).containsExactly(bob);
        assertThat(room.contains(bob)).isTrue();
        assertThat(room.contains(adaTab1)).isFalse();
    }

    @Test
    @DisplayName("is empty when its last member leaves")
    void emptiesOut() {
        assertThat(room.isEmpty()).isTrue();
        room.add(bob);
        assertThat(room.isEmpty()).isFalse();
        room.remove(bob);
        assertThat(room.isEmpty()).isTrue();
        assertThat(room.users()).isEmpty();
    }
}
