import { Body, Controller, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBody, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { SkipThrottle } from '@nestjs/throttler';
import { Environment, Public } from '@kenes/common';
import { AuthService } from './auth.service';
import { LoginDto, LogoutDto, RefreshDto, TokenPairDto } from './dto/auth.dto';
import { UserEntity } from './entities/user.entity';
import { LocalAuthGuard } from './guards/local-auth.guard';
import { clearPageCookie, securePageCookie, setPageCookie } from './page-cookie';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly env: Environment,
  ) {}

  /** Limited per account (10 failures / 15 min), never per address: a hall shares one. */
  @Public()
  @SkipThrottle()
  @UseGuards(LocalAuthGuard)
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in with email and password' })
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiUnauthorizedResponse({ description: 'Unknown email or wrong password (the same answer for both)' })
  @ApiTooManyRequestsResponse({ description: 'Too many failed logins for this account; see Retry-After' })
  async login(@Req() req: Request & { user: UserEntity }, @Res({ passthrough: true }) res: Response) {
    const pair = await this.auth.login(req.user);
    setPageCookie(res, pair.accessToken, pair.expiresIn, securePageCookie(req, this.env.PUBLIC_URL));
    return pair;
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a refresh token (once) for a new token pair' })
  @ApiOkResponse({ type: TokenPairDto })
  async refresh(@Body() dto: RefreshDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const pair = await this.auth.refresh(dto.refreshToken);
    setPageCookie(res, pair.accessToken, pair.expiresIn, securePageCookie(req, this.env.PUBLIC_URL));
    return pair;
  }

  /**
   * Signing out: clears the page cookie, and with the refresh token given
   * revokes its whole sign-in (that token and every one it was renewed
   * into), so that a copy of it is worth nothing. Always 204: there is
   * nothing to tell a caller whose token was already spent.
   */
  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: clear the page cookie and revoke the sign-in of the refresh token given' })
  @ApiBody({ type: LogoutDto, required: false })
  @ApiNoContentResponse({ description: 'Signed out' })
  async logout(@Body() dto: LogoutDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    clearPageCookie(res, securePageCookie(req, this.env.PUBLIC_URL));
    if (dto?.refreshToken) await this.auth.logout(dto.refreshToken);
  }
}
