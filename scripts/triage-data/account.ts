import { scenarios } from "./scenario.js";

export const account = scenarios("account", [
  {
    severity: "high",
    titles: [
      "Can't log in",
      "Login not working",
      "Unable to sign in",
      "cant login",
      "Locked out",
      "Sign-in problem",
    ],
    bodies: [
      "I can't log in to my account. It says my email or password is incorrect, but I'm sure it's right.",
      "Every time I try to sign in I'm sent back to the login page without any message.",
      "My account is locked after too many login attempts and I need to get back in today.",
      "Login fails with '{error}' on {browser} and on my {device}.",
      "I haven't been able to sign in since {day}. I have a client meeting and need my files.",
    ],
  },
  {
    severity: "medium",
    titles: [
      "Password reset",
      "Reset password email not received",
      "Forgot password",
      "Password reset link expired",
      "Can't reset my password",
    ],
    bodies: [
      "I requested a password reset three times but the email never arrives.",
      "The password reset link says it has expired as soon as I click it.",
      "I forgot my password and the reset page says no account exists for {email}.",
      "After resetting my password the new one doesn't work either.",
      "How do I change my password? I can't find it in the settings.",
    ],
  },
  {
    severity: "high",
    titles: [
      "Two-factor authentication problem",
      "Lost phone, can't do 2FA",
      "2FA code not accepted",
      "MFA issue",
      "Authenticator app reset",
    ],
    bodies: [
      "I got a new phone and lost my authenticator app, so I can't get the two-factor code to log in.",
      "The 2FA codes from my authenticator are always rejected as invalid.",
      "I'm not receiving the SMS verification code when I sign in.",
      "Please disable two-factor authentication on my account, I lost my backup codes.",
      "The one-time code by email arrives after it has already expired.",
    ],
  },
  {
    severity: "critical",
    titles: [
      "Account hacked",
      "Someone accessed my account",
      "Compromised account",
      "Suspicious login",
      "Unauthorized access",
    ],
    bodies: [
      "Someone logged into my account from another country and changed my email address. Please lock it now.",
      "I think my account was hacked: there are logins I don't recognise and my password no longer works.",
      "An unknown admin user appeared in our workspace and has been downloading our data.",
      "I received a security alert about a login I didn't make, and now our settings have been changed.",
    ],
  },
  {
    severity: "low",
    titles: [
      "Change email address",
      "Update my profile",
      "Change my username",
      "Update name on account",
      "New email",
    ],
    bodies: [
      "How can I change the email address on my account to {email}?",
      "I got married and need to update my name on my profile.",
      "Please change the username on our account, the old one has a typo.",
      "Where can I change my profile picture and time zone?",
      "I want to update the phone number linked to my account.",
    ],
  },
  {
    severity: "medium",
    titles: [
      "Permissions issue",
      "Can't access settings",
      "User role wrong",
      "Access denied",
      "Need admin rights",
    ],
    bodies: [
      "I'm an {role} but I get 'access denied' when I open the team settings.",
      "Please give {person} {role} rights; the current owner has left the company.",
      "One of our users can see pages that should be restricted to admins.",
      "After the role change {person} can no longer open the shared projects.",
      "How do I limit what a {role} can see in our workspace?",
    ],
  },
  {
    severity: "medium",
    titles: [
      "Delete my account",
      "Account deletion request",
      "Close my account",
      "Remove my data",
      "GDPR deletion",
    ],
    bodies: [
      "Please delete my account and all personal data you hold about me.",
      "I'd like to close my account permanently. How do I do it?",
      "Under GDPR I request the erasure of my personal data.",
      "We want to remove the account of {person} who left the company, and transfer their files first.",
    ],
  },
  {
    severity: "medium",
    titles: [
      "Add a user",
      "Invite not received",
      "Team member can't join",
      "Invitation link broken",
      "Remove user",
    ],
    bodies: [
      "I invited {person} to our team but they never got the invitation email.",
      "The invitation link says it is invalid when {person} clicks it.",
      "How do I remove a user who left? Their seat is still counted.",
      "I need to transfer ownership of the workspace to {person}.",
    ],
  },
  {
    severity: "high",
    titles: [
      "Account suspended",
      "Account disabled",
      "Account deactivated by mistake",
      "Why was my account blocked?",
    ],
    bodies: [
      "My account was suspended without warning and I can't access anything.",
      "We got a message that our account is deactivated. We did nothing wrong, please restore it.",
      "The account of {person} was disabled by mistake and they can't sign in.",
      "My account says it is under review and I can't log in. How long does this take?",
    ],
  },
  {
    severity: "medium",
    titles: [
      "SSO login issue",
      "Single sign-on not working",
      "SAML error",
      "Google login fails",
      "Sign in with Microsoft broken",
    ],
    bodies: [
      "Single sign-on through our identity provider fails with a SAML error for some users.",
      "'Sign in with Google' loops back to the login page.",
      "Since we changed our domain, our staff can't log in with Microsoft anymore.",
      "We'd like to set up SSO with Okta for our team, where do we start?",
    ],
  },
  {
    severity: "low",
    titles: [
      "Verify my email",
      "Verification email not arriving",
      "Confirm account",
      "Email not verified",
    ],
    bodies: [
      "I signed up but never got the email to verify my address.",
      "The app keeps asking me to verify my email even though I clicked the link.",
      "Can you resend the account confirmation email to {email}?",
      "My account shows 'unverified' and some features are greyed out.",
    ],
  },
  {
    severity: "low",
    titles: [
      "Merge two accounts",
      "Duplicate accounts",
      "I have two accounts",
      "Combine accounts",
    ],
    bodies: [
      "I accidentally created two accounts with different emails. Can you merge them?",
      "My work and personal accounts got mixed up; I want everything under {email}.",
      "There are two profiles for me in our workspace, please delete the older one.",
    ],
  },
]);
