package org.smtprc.addresses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EndpointOrderTest {

    @Test
    void addressMajorPortMinor() {
        AddressSpace space = AddressSpace.parse("10.0.0.2, 10.0.0.1", null, "587,25");
        assertThat(space.size()).isEqualTo(4);
        List<String> order = new ArrayList<>();
        for (long i = 0; i < space.size(); i++) {
            order.add(space.endpointAt(i).toString());
        }
        assertThat(order).containsExactly("10.0.0.1:25", "10.0.0.1:587", "10.0.0.2:25", "10.0.0.2:587");
    }

    @Test
    void everyIndexAscendsStrictlyAcrossManyRanges() {
        AddressSpace space = AddressSpace.parse("10.0.0.0/28, 10.0.1.3-10.0.1.9, 10.0.3.*, ::1, 2001:db8::/124", "10.0.3.100-10.0.3.200", "25,26");
        Endpoint previous = null;
        for (long i = 0; i < space.size(); i++) {
            Endpoint current = space.endpointAt(i);
            assertThat(space.contains(current.address())).isTrue();
            if (previous != null) {
                assertThat(compare(previous, current)).as("%s before %s", previous, current).isNegative();
            }
            previous = current;
        }
        assertThat(space.size()).isEqualTo(2L * (16 + 7 + 256 - 101 + 1 + 16));
    }

    @Test
    void indexBeyondIntOnASlashEightWithSeveralPorts() {
        AddressSpace space = AddressSpace.parse("10.0.0.0/8", null, "25,465,587,2525");
        assertThat(space.size()).isEqualTo(4L << 24).isGreaterThan(Integer.MAX_VALUE / 64);
        AddressSpace wide = AddressSpace.stored("0.0.0.0/0", null, "1-4");
        assertThat(wide.size()).isEqualTo(4L << 32).isGreaterThan(Integer.MAX_VALUE);
        assertThat(wide.endpointAt(wide.size() - 1)).hasToString("255.255.255.255:4");
        assertThat(wide.endpointAt(4L * 0x0a000102L + 2)).hasToString("10.0.1.2:3");
        assertThat(space.endpointAt(space.size() - 1)).hasToString("10.255.255.255:2525");
    }

    @Test
    void randomIndicesMatchALinearWalk() {
        AddressSpace space = AddressSpace.parse("10.1-3.5-6.*, 192.0.2.10-192.0.2.20, 2001:db8::1:0/120", "10.2.5.0/25", "25,587");
        List<AddressRange> ranges = space.ranges();
        Random random = new Random(42);
        for (int n = 0; n < 2_000; n++) {
            long index = Math.floorMod(random.nextLong(), space.size());
            long addressIndex = index / 2;
            BigInteger expected = null;
            for (AddressRange range : ranges) {
                long count = range.count().longValueExact();
                if (addressIndex < count) {
                    expected = range.first().add(BigInteger.valueOf(addressIndex));
                    break;
                }
                addressIndex -= count;
            }
            Endpoint endpoint = space.endpointAt(index);
            assertThat(new BigInteger(1, endpoint.address().getAddress())).isEqualTo(expected);
            assertThat(endpoint.port()).isEqualTo(index % 2 == 0 ? 25 : 587);
        }
    }

    @Test
    void indexOutsideTheSpace() {
        AddressSpace space = AddressSpace.parse("10.0.0.1", null, "25");
        assertThatThrownBy(() -> space.endpointAt(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> space.endpointAt(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    private static int compare(Endpoint a, Endpoint b) {
        int family = Integer.compare(a.address().getAddress().length, b.address().getAddress().length);
        if (family != 0) {
            return family;
        }
        int address = new BigInteger(1, a.address().getAddress()).compareTo(new BigInteger(1, b.address().getAddress()));
        return address != 0 ? address : Integer.compare(a.port(), b.port());
    }
}
