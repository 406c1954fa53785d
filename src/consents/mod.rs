//! Consents to the privacy policy (policy 3.1, 6.1.5, 10.2): the versions of the policy as
//! administrators record them (`versions`), and each customer's consents as the app's backend
//! reports them (`store`): given or withdrawn, to which version, when.

pub mod store;
pub mod versions;

pub use versions::router;
