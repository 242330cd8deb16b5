using Autri.Domain.Notifications;

namespace Autri.Portal.Features.Notifications;

/// <summary>The broadcast form's fields as posted (names Input.Audience, Input.Email, …), kept to re-fill the form.</summary>
public sealed class BroadcastInput
{
    public const string Everyone = "everyone";
    public const string OnePerson = "email";

    public string? Audience { get; set; } = Everyone;

    public string? Email { get; set; }

    public string? Title { get; set; }

    public string? Body { get; set; }

    public string? Link { get; set; }

    public BroadcastDraft ToDraft() => new(Audience switch
    {
        Everyone => BroadcastAudience.Everyone,
        OnePerson => BroadcastAudience.OneUser,
        _ => null,
    }, Email, Title, Body, Link);
}
