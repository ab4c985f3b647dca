using System;
using System.ComponentModel.DataAnnotations;

namespace Clinic.Api.Models
{
    /// <summary>The booking form, validated by its data annotations; [Phone] and [EmailAddress] also say what the values are.</summary>
    public sealed class AppointmentRequest
    {
        [Required, Phone]
        public string Mobile { get; set; } = "";

        [EmailAddress]
        public string? Email { get; set; }

        [Required, StringLength(40)]
        public string Clinic { get; set; } = "";

        public DateTimeOffset Slot { get; set; }
    }
}
