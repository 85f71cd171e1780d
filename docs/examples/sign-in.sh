# sign_in USER PASSWORD SCOPE → the token response (JSON) of a person (citizen, staff, operator) on the demo portal.
#
# Source it in bash (`source docs/examples/sign-in.sh`) after setting BASE to where the host listens, e.g.
# BASE=http://localhost:5080. It follows the browser flow of docs/auth.md ("People sign in") with curl and a cookie
# jar: authorization code + PKCE through the public client demo-portal, the sign-in form with its anti-forgery
# field, then the code exchanged with its verifier. Needs curl and openssl.
#
#   STAFF=$(sign_in demo-staff demo-password 'openid applications:read registry:staff' | jq -r .access_token)
sign_in() {
  : "${BASE:?set BASE to where the host listens, e.g. BASE=http://localhost:5080}"
  local user=$1 password=$2 scope=$3 redirect=http://localhost/signin-callback jar verifier challenge page field return_url next callback code
  jar=$(mktemp)
  verifier=$(openssl rand -base64 32 | tr '+/' '-_' | tr -d '=\n')
  challenge=$(printf %s "$verifier" | openssl dgst -sha256 -binary | base64 | tr '+/' '-_' | tr -d '=\n')
  # 1. /connect/authorize answers with a redirect to the sign-in page
  page=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' -G "$BASE/connect/authorize" \
    -d client_id=demo-portal -d response_type=code -d state=xyz -d code_challenge_method=S256 -d "code_challenge=$challenge" \
    --data-urlencode "redirect_uri=$redirect" --data-urlencode "scope=$scope")
  # 2. the page's anti-forgery field and returnUrl; post the form (sets the sign-in cookie)
  page=$(curl -s -c "$jar" -b "$jar" "$page")
  field=$(grep -o 'name="__RequestVerificationToken[^"]*" value="[^"]*"' <<<"$page" | head -1)
  return_url=$(grep -o 'name="returnUrl" value="[^"]*"' <<<"$page" | sed -E 's/.*value="([^"]*)"/\1/; s/&amp;/\&/g')
  next=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' "$BASE/account/sign-in" \
    --data-urlencode "$(sed -E 's/name="([^"]*)" value="([^"]*)"/\1=\2/' <<<"$field")" \
    --data-urlencode "returnUrl=$return_url" --data-urlencode "userName=$user" --data-urlencode "password=$password")
  # 3. back at /connect/authorize: redirected to the callback with the code; exchange it with the verifier
  callback=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' "$next")
  code=$(sed -E 's/.*[?&]code=([^&]*).*/\1/' <<<"$callback")
  curl -s "$BASE/connect/token" -d grant_type=authorization_code -d client_id=demo-portal \
    --data-urlencode "redirect_uri=$redirect" --data-urlencode "code=$code" --data-urlencode "code_verifier=$verifier"
  rm -f "$jar"
}
