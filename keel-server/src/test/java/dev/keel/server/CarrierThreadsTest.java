package dev.keel.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class CarrierThreadsTest {

    @Test
    void smallMachinesGetFourCarriers() {
        assertEquals("4", CarrierThreads.parallelism(null, 1));
        assertEquals("4", CarrierThreads.parallelism(null, 2));
        assertEquals("4", CarrierThreads.parallelism(null, 3));
    }

    @Test
    void largerMachinesKeepTheJdkDefault() {
        assertNull(CarrierThreads.parallelism(null, 4));
        assertNull(CarrierThreads.parallelism(null, 32));
    }

    @Test
    void theUsersChoiceWins() {
        assertNull(CarrierThreads.parallelism("1", 1));
        assertNull(CarrierThreads.parallelism("16", 2));
    }
}
