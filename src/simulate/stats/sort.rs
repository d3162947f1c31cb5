//! Sorting the annual losses in place: a radix sort for large non-negative
//! samples, with no buffer beside the values.

/// Below this many values a comparison sort is faster than another radix pass.
const SMALL: usize = 256;

/// Sorts finite values ascending, in place: an in-place most-significant-digit
/// radix sort (the American flag sort of P. M. McIlroy, K. Bostic and M. D.
/// McIlroy, "Engineering radix sort", Computing Systems 6, 1993) on the bit patterns of the positive values (for
/// non-negative IEEE doubles the bit order is the value order), the few
/// negative ones (credits received) by comparison. Memory: two tables of 256
/// counts per level of recursion (at most eight levels), nothing per value.
pub(super) fn sort_losses(values: &mut [f64]) {
    if values.len() < SMALL || values.iter().any(|v| *v < 0.0) {
        values.sort_unstable_by(f64::total_cmp);
        return;
    }
    flag_sort(values, 56);
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
        for (&start, &end) in starts.iter().zip(&ends) {
            if let Some(bucket) = values.get_mut(start..end)
                && bucket.len() > 1
            {
                flag_sort(bucket, next);
            }
        }
    }
}

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
        sort_losses(&mut v);
        assert_eq!(v, expected);
        let mut with_negative = vec![3.0, -1.0, 2.0, -5.0];
        sort_losses(&mut with_negative);
        assert_eq!(with_negative, vec![-5.0, -1.0, 2.0, 3.0]);
    }
}
