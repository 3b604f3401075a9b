package org.smtprc.addresses;

/**
 * One contiguous slice {@code [start, end)} of a scan's endpoint indices, scanned by one partition.
 *
 * @param number 0-based position of the block in its plan
 */
public record Block(int number, long start, long end) {

    public Block {
        if (number < 0 || start < 0 || end <= start) {
            throw new IllegalArgumentException(
                    "block " + number + " [" + start + ", " + end + ") must have a non-negative number and start, and end > start");
        }
    }

    public long size() {
        return end - start;
    }
}
