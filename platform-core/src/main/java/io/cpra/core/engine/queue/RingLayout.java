package io.cpra.core.engine.queue;

/**
 * The field layout every ring shares, built as a chain of superclasses because HotSpot places a
 * superclass's fields before its subclass's: read-only fields, then the producer's words, then
 * the consumer's, each group fenced off by 128 bytes of padding so a write by one side never
 * invalidates the line the other side is reading (128, not 64, because the adjacent-line
 * prefetcher pulls lines in pairs).
 *
 * <p>The words are deliberately generic ({@code producerCache}, {@code consumerCache}): each
 * variant documents what it keeps in them. Padding and hot words are all {@code long}, so the
 * layout leaves no hole next to a hot word for a subclass field to be packed into.
 *
 * <p>Nothing here has behaviour; {@link RingBase} holds the VarHandles and accessors.
 */
final class RingLayout {

    private RingLayout() {
    }

    /** Keeps the read-only fields off whatever the allocator placed just before this object. */
    abstract static class LeadPad {
        long p00, p01, p02, p03, p04, p05, p06, p07;
        long p08, p09, p10, p11, p12, p13, p14, p15;
    }

    /** Read by both sides, written only by the constructor. */
    abstract static class Fixed extends LeadPad {
        final Object[] buffer;
        final int mask;

        Fixed(int capacity) {
            this.mask = capacity - 1;
            this.buffer = new Object[capacity + 2 * RingBase.PAD_SLOTS];
        }
    }

    abstract static class ProducerPad extends Fixed {
        long p16, p17, p18, p19, p20, p21, p22, p23;
        long p24, p25, p26, p27, p28, p29, p30, p31;

        ProducerPad(int capacity) {
            super(capacity);
        }
    }

    /** Written by the producer side. */
    abstract static class ProducerFields extends ProducerPad {
        /** Next index a producer will fill (or claim). */
        long producerIndex;
        /** Producer-side cache word; meaning depends on the variant. */
        long producerCache;

        ProducerFields(int capacity) {
            super(capacity);
        }
    }

    abstract static class ConsumerPad extends ProducerFields {
        long p32, p33, p34, p35, p36, p37, p38, p39;
        long p40, p41, p42, p43, p44, p45, p46, p47;

        ConsumerPad(int capacity) {
            super(capacity);
        }
    }

    /** Written by the consumer side. */
    abstract static class ConsumerFields extends ConsumerPad {
        /** Next index a consumer will take (or claim). */
        long consumerIndex;
        /** Consumer-side cache word; meaning depends on the variant. */
        long consumerCache;

        ConsumerFields(int capacity) {
            super(capacity);
        }
    }

    /** Keeps the consumer's words off whatever follows: subclass fields or the next object. */
    abstract static class TailPad extends ConsumerFields {
        long p48, p49, p50, p51, p52, p53, p54, p55;
        long p56, p57, p58, p59, p60, p61, p62, p63;

        TailPad(int capacity) {
            super(capacity);
        }
    }
}
