//! Abstract data buffers (`struct nl_data`): a byte string with its size.
#![forbid(unsafe_code)]

/// The bytes of an `nl_data`. The `Vec`'s heap address is what `nl_data_get` returns, so it
/// must only be reallocated by operations libnl documents as moving the data (`nl_data_append`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Data(pub Vec<u8>);
