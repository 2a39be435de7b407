//! A short list kept inline: a frame's governed stretches and sources are mostly one or two.

use std::ops::Deref;

/// Up to `N` items held inline without allocating; more go to a vector. Reads as a slice.
#[derive(Debug, Clone)]
pub struct Few<T, const N: usize> {
    /// Items held inline (at most `N`); all of them once `more` is used.
    len: usize,
    inline: [T; N],
    /// Every item, once there are more than `N` (empty, unallocated, until then).
    more: Vec<T>,
}

impl<T: Copy + Default, const N: usize> Few<T, N> {
    pub fn new() -> Self {
        Few { len: 0, inline: [T::default(); N], more: Vec::new() }
    }

    /// A list of one item.
    pub fn one(x: T) -> Self {
        let mut l = Self::new();
        l.push(x);
        l
    }

    pub fn push(&mut self, x: T) {
        if !self.more.is_empty() {
            self.more.push(x);
        } else if let Some(slot) = self.inline.get_mut(self.len) {
            *slot = x;
            self.len += 1;
        } else {
            self.more.reserve(N + 4);
            self.more.extend_from_slice(&self.inline);
            self.more.push(x);
        }
    }
}

impl<T: Copy + Default, const N: usize> Default for Few<T, N> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T, const N: usize> Deref for Few<T, N> {
    type Target = [T];
    #[inline]
    fn deref(&self) -> &[T] {
        if self.more.is_empty() {
            self.inline.get(..self.len).unwrap_or(&[])
        } else {
            &self.more
        }
    }
}

impl<T: PartialEq, const N: usize> PartialEq for Few<T, N> {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl<T: Copy + Default, const N: usize> FromIterator<T> for Few<T, N> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut l = Self::new();
        for x in iter {
            l.push(x);
        }
        l
    }
}

impl<'b, T, const N: usize> IntoIterator for &'b Few<T, N> {
    type Item = &'b T;
    type IntoIter = std::slice::Iter<'b, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::Few;

    #[test]
    fn reads_as_the_items_pushed() {
        for n in 0..6 {
            let l: Few<u32, 2> = (0..n).collect();
            assert_eq!(&*l, (0..n).collect::<Vec<_>>().as_slice());
        }
        assert_eq!(Few::<u8, 1>::one(7).as_ref(), &[7]);
    }
}
