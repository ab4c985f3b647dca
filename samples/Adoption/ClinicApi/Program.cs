using System;
using System.Threading;
using Clinic.Api.Models;
using Clinic.Api.Partners;
using Clinic.Api.Services;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Vendor.Sms;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddHttpClient<ISmsClient, SmsClient>(c => c.BaseAddress = new Uri("https://sms.example.net/"));
builder.Services.AddHttpClient<AnalyticsClient>(c => c.BaseAddress = new Uri("https://analytics.example.org/"));
builder.Services.AddSingleton<PatientDirectory>();
builder.Services.AddScoped<ReminderService>();
builder.Services.AddScoped<AnalyticsExport>();

var app = builder.Build();
app.MapPost("/appointments", async (AppointmentRequest request, ReminderService reminders, CancellationToken ct) => Results.Ok(await reminders.ConfirmAsync(request, ct)));
app.MapPost("/exports/weekly", async (AnalyticsExport export, CancellationToken ct) => Results.Ok(await export.RunAsync(ct)));
app.Run();
