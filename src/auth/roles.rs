//! Staff roles. One person may hold several; every route names the roles that may open it.

use serde::{Deserialize, Serialize};

/// A role a staff member can hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Verifier,
    Compliance,
    SeniorCompliance,
    Support,
    Security,
    Manager,
    Admin,
}

impl Role {
    /// Every role, in the order the interface lists them.
    pub const ALL: [Role; 7] = [
        Role::Verifier,
        Role::Compliance,
        Role::SeniorCompliance,
        Role::Support,
        Role::Security,
        Role::Manager,
        Role::Admin,
    ];

    /// The code stored in the database and used on the command line.
    pub fn code(self) -> &'static str {
        match self {
            Role::Verifier => "verifier",
            Role::Compliance => "compliance",
            Role::SeniorCompliance => "senior_compliance",
            Role::Support => "support",
            Role::Security => "security",
            Role::Manager => "manager",
            Role::Admin => "admin",
        }
    }

    /// Parses a stored code (`senior-compliance` is accepted too).
    pub fn parse(code: &str) -> Option<Role> {
        let code = code.trim().to_ascii_lowercase().replace('-', "_");
        Role::ALL.into_iter().find(|r| r.code() == code)
    }

    /// Fluent id of the role's name.
    pub fn message_id(self) -> &'static str {
        match self {
            Role::Verifier => "role-verifier",
            Role::Compliance => "role-compliance",
            Role::SeniorCompliance => "role-senior-compliance",
            Role::Support => "role-support",
            Role::Security => "role-security",
            Role::Manager => "role-manager",
            Role::Admin => "role-admin",
        }
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// Who may open a part of the portal. Routes check it on the server; the navigation uses the
/// same table, so a link is shown exactly when its page would open.
pub mod access {
    use super::Role;

    /// Staff administration and API keys.
    pub const ADMIN: &[Role] = &[Role::Admin];
    /// The audit trail.
    pub const AUDIT: &[Role] = &[Role::Admin, Role::Manager];
    /// The managers' dashboards and their exports (counts and staff names, no personal data).
    pub const DASHBOARDS: &[Role] = &[Role::Manager, Role::Admin];
    /// Reviewer quality: the second reviews (verifiers) and the verdicts on disagreements
    /// (senior compliance officers); each sees its part.
    pub const QUALITY: &[Role] = &[Role::Verifier, Role::SeniorCompliance];
    /// The verdict on a disagreement between two verifiers.
    pub const QA_VERDICT: &[Role] = &[Role::SeniorCompliance];
    /// Display copies of applicants' photos.
    pub const PHOTOS: &[Role] = &[Role::Verifier, Role::Compliance, Role::SeniorCompliance, Role::Security];
    /// The KYC queue and review pages (managers see them with personal data masked).
    pub const REVIEW: &[Role] =
        &[Role::Verifier, Role::Compliance, Role::SeniorCompliance, Role::Security, Role::Manager];
    /// Customers: the search and the customer page (personal data masked, by role).
    pub const CUSTOMERS: &[Role] = &[
        Role::Verifier,
        Role::Compliance,
        Role::SeniorCompliance,
        Role::Support,
        Role::Security,
        Role::Manager,
    ];
    /// Blocking, unblocking and restricting a customer's account, and asking for it to be closed
    /// to archive (policy 5.3, 8.1).
    pub const ACCOUNT_ACTIONS: &[Role] = &[Role::Security];
    /// Confirming (or refusing) an archive someone else asked for: the second pair of eyes.
    pub const ARCHIVE_CONFIRM: &[Role] = &[Role::Security, Role::Admin];
    /// Recording a transfer of a customer's data to a third party (policy 7.2).
    pub const DISCLOSE: &[Role] = &[Role::Compliance, Role::SeniorCompliance, Role::Security];
    /// The register of disclosures and its export for the authorised body.
    pub const DISCLOSURES: &[Role] =
        &[Role::Compliance, Role::SeniorCompliance, Role::Security, Role::Manager];
    /// The support queue and ticket pages (managers read them).
    pub const SUPPORT: &[Role] = &[Role::Support, Role::Security, Role::Manager];
    /// Answering tickets and changing them; security officers take the reports of unauthorised
    /// access.
    pub const SUPPORT_WORK: &[Role] = &[Role::Support, Role::Security];
    /// The outgoing mail: administrators see how it goes (states and errors), the support desk
    /// also what was sent.
    pub const MAIL_OUTBOX: &[Role] = &[Role::Admin, Role::Support, Role::Security];
    /// Access restoration cases (policy 5.7).
    pub const RESTORATION: &[Role] = &[Role::Security];
    /// The restoration queue: security officers, and managers for the cases' ages and the
    /// overdue ones (with personal data masked; the case pages stay the officers').
    pub const RESTORATION_QUEUE: &[Role] = &[Role::Security, Role::Manager];
    /// Taking applications and deciding them.
    pub const DECIDE: &[Role] = &[Role::Verifier];
    /// Internal notes on an application.
    pub const NOTES: &[Role] = &[Role::Verifier, Role::Compliance, Role::SeniorCompliance, Role::Security];
    /// Sign-in locks after too many failed passwords, and lifting them.
    pub const LOCKS: &[Role] = &[Role::Admin, Role::Security];
    /// The personal-data access log.
    pub const ACCESS_LOG: &[Role] = &[Role::Admin, Role::Security];
    /// The compliance queue and page: hits, declarations, screening lists.
    pub const COMPLIANCE: &[Role] = &[Role::Compliance, Role::SeniorCompliance];
    /// An application's compliance page, read-only: a verifier sees which hit holds their
    /// approval back, a security officer what compliance found.
    pub const COMPLIANCE_READ: &[Role] =
        &[Role::Verifier, Role::Compliance, Role::SeniorCompliance, Role::Security];
    /// The second, senior approval of a confirmed PEP.
    pub const SENIOR_APPROVAL: &[Role] = &[Role::SeniorCompliance];
    /// Roles that decide on a customer's application or on its compliance: an administrator may
    /// not give one of them to themselves (another administrator must).
    pub const DECIDING: &[Role] = &[Role::Verifier, Role::Compliance, Role::SeniorCompliance];
    /// Pairs of roles one person may not hold together, because the pair would let one person
    /// do both halves of a four-eyes decision.
    pub const INCOMPATIBLE: &[(Role, Role)] = &[(Role::Verifier, Role::SeniorCompliance)];
    /// The unchanged original photo files (an audited download).
    pub const ORIGINALS: &[Role] = &[Role::SeniorCompliance, Role::Security];
}
