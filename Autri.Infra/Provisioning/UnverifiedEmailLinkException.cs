namespace Autri.Infra.Provisioning;

/// <summary>
/// A new subject asked for the account of an existing email whose ownership the IdP did not verify
/// (<c>email_verified</c> not true). Nothing was written; the existing account keeps its subject.
/// The message names no email, so it may be logged.
/// </summary>
public sealed class UnverifiedEmailLinkException() : Exception(
    "An account with this email already exists under another identity, and the identity provider has not verified the email, so the two are not linked");
