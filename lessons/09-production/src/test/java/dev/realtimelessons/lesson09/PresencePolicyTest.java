package dev.realtimelessons.lesson09;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.realtimelessons.kit.testing.steps.Step4;

@Step4
@DisplayName("Presence policy")
class PresencePolicyTest {

    @Test
    @DisplayName("announces each change while the room is small, and counts it once the room is large either side")
    void announcesSmallCountsLarge() {
        PresencePolicy policy = new PresencePolicy(3);

        boolean first = policy.changed("lobby", true, 1);
        boolean third = policy.changed("lobby", true, 3);
        boolean fourth = policy.changed("lobby", true, 4);
        boolean backToThree = policy.changed("lobby", false, 3);
        boolean backToTwo = policy.changed("lobby", false, 2);

        assertThat(first).isTrue();
        assertThat(third).as("3 members is not above 3").isTrue();
        assertThat(fourth).as("the 4th member makes the room large").isFalse();
        assertThat(backToThree).as("a leave from a large room is counted, as its join was").isFalse();
        assertThat(backToTwo).isTrue();
        assertThat(policy.isLarge(3)).isFalse();
        assertThat(policy.isLarge(4)).isTrue();
    }

    @Test
    @DisplayName("tells a room what was counted since its last tick, once, and nothing when nothing was")
    void oneMembersChangedPerPeriod() {
        PresencePolicy policy = new PresencePolicy(1);
        policy.changed("lobby", true, 2);
        policy.changed("lobby", true, 3);
        policy.changed("lobby", false, 2);
        policy.changed("quiet", true, 1); // announced: nothing to tell

        assertThat(policy.pending()).containsExactly("lobby");
        assertThat(policy.tick("lobby", 2)).contains(new MembersChanged("lobby", 2, 2, 1));
        assertThat(policy.tick("lobby", 2)).as("the same period's second tick").isEmpty();
        assertThat(policy.tick("quiet", 1)).isEmpty();
        assertThat(policy.pending()).isEmpty();

        policy.changed("lobby", false, 1);

        assertThat(policy.tick("lobby", 1)).contains(new MembersChanged("lobby", 1, 0, 1));
    }

    @Test
    @DisplayName("counts each room on its own")
    void roomsApart() {
        PresencePolicy policy = new PresencePolicy(1);
        policy.changed("a", true, 2);
        policy.changed("b", false, 5);
        policy.changed("b", false, 4);

        assertThat(policy.pending()).containsExactly("a", "b");
        assertThat(policy.tick("b", 4)).contains(new MembersChanged("b", 4, 0, 2));
        assertThat(policy.pending()).containsExactly("a");
        assertThat(policy.tick("a", 2)).contains(new MembersChanged("a", 2, 1, 0));
    }
}
