using System;
using Microsoft.AspNetCore.Identity;

namespace Clinic.Api.Models
{
    /// <summary>The clinic's user: IdentityUser's Email, PhoneNumber and UserName are already [ProtectedPersonalData].</summary>
    public sealed class Patient : IdentityUser
    {
        [PersonalData]
        public string FullName { get; set; } = "";

        [PersonalData]
        public DateOnly DateOfBirth { get; set; }

        public string PreferredClinic { get; set; } = "";

        public DateTimeOffset LastVisit { get; set; }
    }
}
