using System.ComponentModel.DataAnnotations;

namespace Autri.Mcp.Configuration;

public static class OptionsSetup
{
    /// <summary>Binds and validates a section at start: a missing or invalid value stops the app with its name.</summary>
    public static T AddValidatedOptions<T>(this WebApplicationBuilder builder, string section) where T : class, new()
    {
        builder.Services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
        var value = builder.Configuration.GetSection(section).Get<T>() ?? new T();
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true);
        if (value is IValidatableObject self) results.AddRange(self.Validate(new ValidationContext(value)));
        if (results.Count > 0)
        {
            var names = results.SelectMany(r => r.MemberNames).Distinct().Select(m => $"{section}:{m}");
            throw new InvalidOperationException(
                $"Configuration missing or invalid value for: {string.Join(", ", names)} ({string.Join(" ", results.Select(r => r.ErrorMessage))})");
        }
        return value;
    }
}
