package dev.realtimelessons.lesson03;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.realtimelessons.kit.testing.steps.Step4;
import dev.realtimelessons.lesson02.Connection;

@Step4
@DisplayName("Step 4: the rooms, without a server")
class RoomsTest {

    private final Rooms rooms = new Rooms(10);
    private final Connection ada = new Connection("c1", "ada", null);
    private final Connection bob = new Connection("c2", "bob", null);

    @Test
    @DisplayName("a join's callback runs once, with the room and whether its user just arrived")
    void callsBackOnce() {
        List<Membership> seen = new ArrayList<>();

        rooms.join("lobby", ada, seen::add);
        rooms.join("lobby", ada, seen::add);

        assertThat(seen).hasSize(2);
        assertThat(seen.get(0).presence()).as("ada's first join").isTrue();
        assertThat(seen.get(1).presence()).as("ada again: no news").isFalse();
        assertThat(seen.get(0).room()).isSameAs(rooms.room("lobby").orElseThrow());
    }

    @Test
    @DisplayName("a join's callback may make members leave, the joiner's own room included (lesson 06 closes them)")
    void callbackMayMakeMembersLeave() {
        rooms.join("lobby", bob, joined -> { });

        rooms.join("lobby", ada, joined -> rooms.leave("lobby", bob)); // a member of an old epoch, closed
        rooms.join("solo", ada, joined -> rooms.leaveAll(ada)); // its connection closed while joining

        assertThat(rooms.room("solo")).as("a room whose only member left").isEmpty();
        assertThat(rooms.room("lobby")).isEmpty();
        assertThat(rooms.roomCount()).isZero();
        assertThat(rooms.connectionsInRooms()).isZero();
    }

    @Test
    @DisplayName("a join's callback runs with the room's lock held, so that nothing is published meanwhile")
    void callbackHoldsTheRoomsLock() {
        AtomicReference<Boolean> held = new AtomicReference<>();

        rooms.join("lobby", ada, joined -> held.set(Thread.holdsLock(joined.room())));

        assertThat(held).hasValue(true);
    }
}
