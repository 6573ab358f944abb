//! The rules of libnl's family/command registry (`genl_register_family`, `genl_handle_msg`),
//! independent of the C structures that carry the tables.
#![forbid(unsafe_code)]

use crate::error::{Error, Result};

/// What `genl_register_family` needs to know about a family and the registry.
#[derive(Clone, Copy, Debug)]
pub struct RegisterCheck {
    /// `o_name != NULL`.
    pub has_name: bool,
    /// `o_cmds != NULL`.
    pub has_cmds: bool,
    /// `o_ncmds`.
    pub ncmds: i32,
    /// `o_id`.
    pub id: i32,
    /// A registered family has this id.
    pub id_taken: bool,
    /// A registered family has this name.
    pub name_taken: bool,
}

/// libnl's checks, in its order.
pub fn check_register(c: RegisterCheck) -> Result<()> {
    if !c.has_name {
        return Err(Error::Inval);
    }
    if c.has_cmds && c.ncmds <= 0 {
        return Err(Error::Inval);
    }
    if c.id != 0 && c.id_taken {
        return Err(Error::Exist);
    }
    if c.name_taken {
        return Err(Error::Exist);
    }
    Ok(())
}

/// Index of the first command whose id is `cmd` among `ids`.
pub fn lookup_cmd(ids: impl IntoIterator<Item = i32>, cmd: i32) -> Option<usize> {
    ids.into_iter().position(|id| id == cmd)
}

/// `genl_op2name` into a buffer of `len` bytes: at most `len - 1` bytes of the name, then a NUL
/// (nothing is written for `len == 0`).
pub fn op2name_bytes(name: &[u8], len: usize) -> Option<Vec<u8>> {
    let n = len.checked_sub(1)?;
    let mut v = name.get(..name.len().min(n)).unwrap_or_default().to_vec();
    v.push(0);
    Some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> RegisterCheck {
        RegisterCheck {
            has_name: true,
            has_cmds: true,
            ncmds: 1,
            id: 0,
            id_taken: true,
            name_taken: false,
        }
    }

    #[test]
    fn register_rules() {
        assert_eq!(check_register(base()), Ok(()));
        let c = RegisterCheck {
            has_name: false,
            ..base()
        };
        assert_eq!(check_register(c), Err(Error::Inval));
        let c = RegisterCheck { ncmds: 0, ..base() };
        assert_eq!(check_register(c), Err(Error::Inval));
        let c = RegisterCheck { id: 5, ..base() };
        assert_eq!(check_register(c), Err(Error::Exist));
        let c = RegisterCheck {
            name_taken: true,
            ..base()
        };
        assert_eq!(check_register(c), Err(Error::Exist));
    }

    #[test]
    fn lookups() {
        assert_eq!(lookup_cmd([1, 2, 2], 2), Some(1));
        assert_eq!(lookup_cmd([], 2), None);
        assert_eq!(op2name_bytes(b"GETFAMILY", 4).unwrap(), b"GET\0");
        assert_eq!(op2name_bytes(b"x", 0), None);
        assert_eq!(op2name_bytes(b"", 1).unwrap(), b"\0");
    }
}
