//! Typed indices. A rule index and an actor index are both small integers;
//! giving each its own type means one cannot be passed for the other, and
//! no index needs a sentinel value to mean "something else".

use std::fmt;

macro_rules! index_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(u32);

        impl $name {
            /// The id of the `index`-th item. Panics past `u32::MAX` items,
            /// which the loaders' limits rule out.
            pub fn new(index: usize) -> $name {
                $name(u32::try_from(index).expect("fewer than 2^32 items"))
            }

            /// The index this id stands for.
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

index_type!(
    /// A rule's place in its [`RuleSet`](crate::RuleSet).
    RuleId
);
index_type!(
    /// An actor's place in its [`Actors`](crate::actors::Actors).
    ActorId
);
