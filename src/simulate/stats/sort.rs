//! Sorting the annual losses in place: radix sorts for non-negative samples,
//! with no buffer beside the values.

/// Below this many values a comparison sort is faster than another radix pass.
pub(super) const SMALL: usize = 256;

/// Sorts `values[from..]` (finite, non-zero) ascending and returns how many
/// are negative and how much of the free space `values[..from]` it used.
///
/// Non-negative values sort by their bit patterns (for non-negative IEEE
/// doubles the bit order is the value order): when the free space holds them
/// all, a least-significant-digit radix sort (by bytes) uses it
/// as its buffer; otherwise an in-place most-significant-digit radix sort (the
/// American flag sort of P. M. McIlroy, K. Bostic and M. D. McIlroy,
/// "Engineering radix sort", Computing Systems 6, 1993) needs no buffer at
/// all. Values with negatives among them (credits received) sort by
/// comparison. Memory: counts tables only, nothing per value.
#[cfg(test)]
pub(super) fn sort_losses(values: &mut [f64], from: usize) -> Sorted {
    let (space, data) = values.split_at_mut(from.min(values.len()));
    sort_values(data, space)
}

/// Sorts `data` (finite, non-zero) ascending, using `space` as the radix
/// sort's buffer when it is at least as long, and returns how many values
/// are negative and how much of `space` it used.
pub(super) fn sort_values(data: &mut [f64], space: &mut [f64]) -> Sorted {
    if data.iter().any(|v| *v < 0.0) {
        data.sort_unstable_by(f64::total_cmp);
        return Sorted { negatives: data.partition_point(|v| *v < 0.0), overwritten: 0 };
    }
    if data.len() < SMALL {
        data.sort_unstable_by(f64::total_cmp);
    } else if let Some(buffer) = space.get_mut(..data.len()) {
        lsd_sort(data, buffer);
        return Sorted { negatives: 0, overwritten: data.len() };
    } else {
        flag_sort(data, 56);
    }
    Sorted { negatives: 0, overwritten: 0 }
}

/// What [`sort_values`] did: how many values are negative, and how many
/// slots of the free space, from its start, it overwrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Sorted {
    pub(super) negatives: usize,
    pub(super) overwritten: usize,
}

/// Sorts `data` (non-negative, finite) by its eight bytes, least
/// significant first, through `buffer` (as long as `data`): one pass counts
/// every byte's histogram, then each byte whose value is not the same for
/// every value moves the data once (256 buckets: the scattered writes stay
/// within a few cache lines per bucket).
fn lsd_sort(data: &mut [f64], buffer: &mut [f64]) {
    let mut counts = vec![[0usize; 256]; 8];
    for v in data.iter() {
        let bits = v.to_bits();
        for (byte, histogram) in counts.iter_mut().enumerate() {
            let shift = u32::try_from(byte).unwrap_or(0).saturating_mul(8);
            if let Some(c) = histogram.get_mut(digit_bits(bits, shift)) {
                *c = c.saturating_add(1);
            }
        }
    }
    let mut in_buffer = false;
    for (byte, histogram) in counts.iter_mut().enumerate() {
        if histogram.contains(&data.len()) {
            continue; // every value has the same byte here: nothing to move
        }
        let shift = u32::try_from(byte).unwrap_or(0).saturating_mul(8);
        // Bucket starts.
        let mut total = 0usize;
        for c in histogram.iter_mut() {
            let count = *c;
            *c = total;
            total = total.saturating_add(count);
        }
        let (from, to): (&mut [f64], &mut [f64]) =
            if in_buffer { (&mut *buffer, &mut *data) } else { (&mut *data, &mut *buffer) };
        for v in from.iter() {
            if let Some(position) = histogram.get_mut(digit_bits(v.to_bits(), shift)) {
                if let Some(slot) = to.get_mut(*position) {
                    *slot = *v;
                }
                *position = position.saturating_add(1);
            }
        }
        in_buffer = !in_buffer;
    }
    if in_buffer {
        data.copy_from_slice(buffer);
    }
}

/// The byte of `bits` at `shift`.
const fn digit_bits(bits: u64, shift: u32) -> usize {
    ((bits >> shift) & 0xFF) as usize
}

/// The byte of `v`'s bit pattern at `shift`.
const fn digit(v: f64, shift: u32) -> usize {
    ((v.to_bits() >> shift) & 0xFF) as usize
}

/// Sorts `values` (non-negative, finite) by the bytes of their bit patterns
/// from the one at `shift` down: counts each bucket, moves every value into
/// its bucket by cycles of swaps, then sorts each bucket by the next byte.
fn flag_sort(values: &mut [f64], shift: u32) {
    if values.len() < SMALL {
        values.sort_unstable_by(f64::total_cmp);
        return;
    }
    let mut counts = [0usize; 256];
    for v in values.iter() {
        if let Some(c) = counts.get_mut(digit(*v, shift)) {
            *c = c.saturating_add(1);
        }
    }
    let (mut starts, mut ends) = ([0usize; 256], [0usize; 256]);
    let mut total = 0usize;
    for ((count, start), end) in counts.iter().zip(starts.iter_mut()).zip(ends.iter_mut()) {
        *start = total;
        total = total.saturating_add(*count);
        *end = total;
    }
    let next = shift.checked_sub(8);
    if counts.contains(&values.len()) {
        // One bucket holds every value: nothing to move at this byte.
        if let Some(next) = next {
            flag_sort(values, next);
        }
        return;
    }
    let mut heads = starts;
    for bucket in 0..256 {
        while let (Some(&head), Some(&end)) = (heads.get(bucket), ends.get(bucket))
            && head < end
        {
            let Some(&v) = values.get(head) else { break };
            let d = digit(v, shift);
            if d == bucket {
                if let Some(h) = heads.get_mut(bucket) {
                    *h = head.saturating_add(1);
                }
            } else if let Some(h) = heads.get_mut(d) {
                // Swap v into the next free place of its own bucket.
                let target = *h;
                *h = target.saturating_add(1);
                if target < values.len() {
                    values.swap(head, target);
                }
            }
        }
    }
    if let Some(next) = next {
        // The buckets are disjoint slices: with the `parallel` feature the
        // large ones are sorted on rayon's threads (the result is the same).
        let mut buckets: Vec<&mut [f64]> = Vec::new();
        let mut rest = values;
        for &count in &counts {
            let Some((bucket, after)) = rest.split_at_mut_checked(count) else { break };
            rest = after;
            if bucket.len() > 1 {
                buckets.push(bucket);
            }
        }
        #[cfg(feature = "parallel")]
        if total >= PARALLEL_MIN {
            use rayon::prelude::*;
            buckets.into_par_iter().for_each(|bucket| flag_sort(bucket, next));
            return;
        }
        for bucket in buckets {
            flag_sort(bucket, next);
        }
    }
}

/// Below this many values a level's buckets are sorted on the calling thread.
#[cfg(feature = "parallel")]
const PARALLEL_MIN: usize = 1 << 16;

#[cfg(test)]
mod tests {
    use super::sort_losses;

    #[test]
    fn radix_sort_matches_a_comparison_sort() {
        // splitmix64 values scaled to losses of every magnitude, plus ties.
        let mut x = 0x9E37_79B9_7F4A_7C15_u64;
        let mut v: Vec<f64> = (0..200_000)
            .map(|i| {
                x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
                let mut z = x;
                z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
                z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
                z ^= z >> 31;
                #[allow(clippy::cast_precision_loss, reason = "a uniform in [0, 1)")]
                let u = (z >> 11) as f64 * 2f64.powi(-53);
                if i % 7 == 0 { 42.5 } else { u * 10f64.powi(i % 12) }
            })
            .collect();
        let mut expected = v.clone();
        expected.sort_unstable_by(f64::total_cmp);
        // In place (no free space: the American flag sort) …
        let mut in_place = v.clone();
        assert_eq!(sort_losses(&mut in_place, 0).negatives, 0);
        assert_eq!(in_place, expected);
        // … and through the free space before the values (the LSD radix sort), which it may
        // overwrite; fewer free slots than values fall back to the in-place sort.
        for free in [v.len(), v.len() - 1] {
            let mut spaced = vec![f64::NAN; free];
            spaced.extend_from_slice(&v);
            let sorted = sort_losses(&mut spaced, free);
            assert_eq!(sorted.negatives, 0);
            assert_eq!(sorted.overwritten, if free == v.len() { v.len() } else { 0 });
            assert_eq!(spaced[free..], expected[..], "{free} free slots");
        }
        let mut with_negative = vec![7.0, 3.0, -1.0, 2.0, -5.0];
        assert_eq!(sort_losses(&mut with_negative, 1).negatives, 2);
        assert_eq!(with_negative[1..], [-5.0, -1.0, 2.0, 3.0]);
        v.truncate(100);
        let mut small = v.clone();
        sort_losses(&mut small, 0);
        v.sort_unstable_by(f64::total_cmp);
        assert_eq!(small, v);
    }
}
